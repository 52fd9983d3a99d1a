/**
 * When a supervisor (the `npm start` launcher) is killed with SIGKILL it cannot
 * stop its children. A supervised child notices it was re-parented and shuts
 * itself down gracefully instead of lingering on its port.
 */
export function exitWhenOrphaned(): void {
  if (!process.env.KEEL_SUPERVISOR_PID) return;
  const supervisor = Number(process.env.KEEL_SUPERVISOR_PID);
  const timer = setInterval(() => {
    if (process.ppid !== supervisor) {
      clearInterval(timer);
      process.kill(process.pid, 'SIGTERM');
    }
  }, 500);
  timer.unref();
}
