import { setTimeout as sleep } from 'node:timers/promises';

/** Polls `url` until it answers 200. Resolves false if `cancelled()` turns true first, throws after `timeoutMs`. */
export async function waitForHttpOk(url: string, cancelled: () => boolean, timeoutMs = 60_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!cancelled()) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no 200 from ${url} within ${timeoutMs / 1000} s`);
    await sleep(50);
  }
  return false;
}
