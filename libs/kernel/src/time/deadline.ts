/**
 * Settles as `work` does, or rejects with `timeoutError()` once `ms` have
 * passed, whichever comes first. It bounds the wait, not the work: the promise
 * keeps running unless the caller also aborts it (outbound calls take an
 * AbortSignal for that; see resilience/). The timer is cleared as soon as the
 * race is decided, so a finished call never keeps the process alive.
 */
export async function withDeadline<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timeoutError()), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
