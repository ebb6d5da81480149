/**
 * Next.js start-up hook: long-lived servers run the job runner in-process. RUNNER=off leaves it to the cron tick,
 * and so does Vercel, where no process outlives its request.
 */
export async function register(): Promise<void> {
  // The documented `=== "nodejs"` form lets Next drop the import from the edge bundle.
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.RUNNER !== "off" && !process.env.VERCEL) {
    const { startRunnerLoop } = await import("./lib/jobs");
    await startRunnerLoop();
  }
}
