// Preloaded into every child of scripts/start.ts: when the supervisor dies without cleaning up
// (kill -9), the child is re-parented and stops itself, so the next start finds its ports free.
const supervisor = process.ppid;
setInterval(() => {
  if (process.ppid !== supervisor) process.kill(process.pid, "SIGTERM");
}, 500).unref();
