/** bench/RESULTS.md from the merged suite results: the goals first (met or missed, and why), then each suite's table. */

export interface SuiteResult {
  title: string;
  date: string;
  machine: string;
  flags: string[];
  status: "ok" | "failed";
  seconds: number;
  /** 1-minute load average when the suite started and ended (other work shares the machine). */
  load?: number[];
  figures: Record<string, unknown>[];
  output: string;
}

/** Issue #8's goals, by the suite that measures each: listed even before a suite has run. */
const EXPECTED_GOALS: Record<string, string[]> = {
  pipeline: ["end to end at most jsforce's time (ratio ≤ 1.0) while storing every result", "peak RSS of our runner process under 300 MB"],
  history: ["history p95 under 200 ms (100,000 jobs, 1,000,000 batches)"],
  "csv-splitter": ["splitter at least 80 % of papaparse's raw parse speed"],
  "emulator-data": ["emulator data plane inserts at least 20,000 records/s"],
};

export function resultsMarkdown(order: { name: string; title: string }[], suites: Record<string, SuiteResult>): string {
  const goals = order.flatMap(({ name }) => {
    const measured = (suites[name]?.figures ?? []).filter((f) => typeof f.goal === "string");
    const missing = (EXPECTED_GOALS[name] ?? []).filter((text) => !measured.some((f) => f.goal === text));
    return [
      ...measured.map((f) => `| ${String(f.goal)} | ${f.met ? "met" : "**missed**"} | ${String(f.why)} | ${name} |`),
      ...missing.map((text) => `| ${text} | not measured | the suite has not run${suites[name]?.status === "failed" ? " to the end" : ""} | ${name} |`),
    ];
  });
  const machines = [...new Set(Object.values(suites).map((s) => s.machine))];
  return [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${machines.join("; ")}. Each figure is measured in the same run as its peer;`,
    "times are medians of several runs where a section says so, peak memory is each process's kernel high-water mark (VmHWM / maxRSS).",
    "The machine's cores were shared with other work while these ran (see each section's load average: above the core count, every",
    "figure here is slowed by waiting for a CPU), so absolute rates are conservative; the ratios between peers measured in the same run are what to compare.",
    "",
    "## Goals",
    "",
    "| Goal | Result | Why | Suite |",
    "| --- | --- | --- | --- |",
    ...goals,
    "",
    ...order.flatMap(({ name, title }) => {
      const suite = suites[name];
      if (!suite) return [`## ${title}`, "", "_Not measured yet._", ""];
      return [
        `## ${title}`,
        "",
        `\`npm run bench ${name}${suite.flags.length ? ` -- ${suite.flags.join(" ")}` : ""}\`, ${suite.date.slice(0, 16).replace("T", " ")} UTC, ${suite.seconds} s${suite.load ? `, load average ${suite.load[0]} → ${suite.load[1]} on ${suite.machine.split(" ")[0]} cores` : ""}.`,
        "",
        "```",
        suite.output,
        "```",
        ...(suite.status === "failed" ? ["", "**The suite failed; the figures above are incomplete.**"] : []),
        "",
      ];
    }),
  ].join("\n");
}
