/** Peak memory (resident set size) of processes, from the kernel's own high-water mark. */
import { readFileSync } from "node:fs";

const mb = (kb: number) => Math.round(kb / 1024);

/** This process's peak RSS in MB so far. */
export function ownPeakRssMb(): number {
  return mb(process.resourceUsage().maxRSS);
}

function statusField(pid: number, field: "VmHWM" | "VmRSS"): number {
  try {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? mb(Number(match[1])) : 0;
  } catch {
    return 0;
  }
}

/** Peak RSS (VmHWM) of a live process in MB, or 0 once it is gone. */
export const peakRssMbOf = (pid: number) => statusField(pid, "VmHWM");

/** Current RSS of a live process in MB, or 0 once it is gone. */
export const rssMbOf = (pid: number) => statusField(pid, "VmRSS");
