/**
 * A wait that a signal ends early, and that does not lose a signal sent while
 * nobody waits: the next wait then returns at once. The outbox relay waits on one
 * between polls; a NOTIFY (or shutdown) signals it. (It used to keep the resolver
 * of its last wait and call it: a NOTIFY during a drain resolved a wait that had
 * already ended, and the row waited for the next poll.)
 */
export class Wakeup {
  private pending = false;
  private wake?: () => void;

  signal(): void {
    this.pending = true;
    this.wake?.();
  }

  /** Resolves after `ms`, or at the first signal since the previous wait returned, whichever comes first. */
  wait(ms: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = undefined;
        this.pending = false;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
