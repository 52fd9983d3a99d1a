/**
 * The launcher's terminal. Every child's output passes through here line by
 * line, so the launcher knows what has been printed and when: the "ready"
 * banner can then be the last line of boot, after the children's own boot
 * lines (pino-pretty writes them from a worker thread, later than the
 * readiness probe turns green).
 */
let lastOutputAt = Date.now();

export const say = (line: string): void => write(process.stdout, `[keel] ${line}`);

export function write(stream: NodeJS.WriteStream, line: string): void {
  lastOutputAt = Date.now();
  stream.write(`${line}\n`);
}

/** Calls `onLine` for each complete line of `input` (a child's stdout or stderr). */
export function forEachLine(input: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let pending = '';
  input.setEncoding('utf8');
  input.on('data', (chunk: string) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  input.on('end', () => pending && onLine(pending));
}

/** Resolves once nothing has been printed for `quietMs` (at most `maxMs`), so trailing boot lines land before the banner. */
export async function outputSettled(quietMs = 200, maxMs = 1000): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (Date.now() - lastOutputAt < quietMs && Date.now() < deadline) {
    await new Promise((tick) => setTimeout(tick, 25));
  }
}
