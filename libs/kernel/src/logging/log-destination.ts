import pino, { type DestinationStream } from 'pino';

let destination: DestinationStream | undefined;

/**
 * Where every process's pino logger writes: stdout (pino's default, written to
 * fd 1 directly, so spying on process.stdout cannot see it) unless a test
 * redirects it here to inspect every line, as the secrets-in-logs e2e does.
 * Takes effect for loggers created afterwards; pass undefined to restore stdout.
 */
export function setLogDestination(stream: DestinationStream | undefined): void {
  destination = stream;
}

export function logDestination(): DestinationStream | undefined {
  return destination;
}

let stdout: DestinationStream | undefined;

/**
 * JSON lines to stdout, written asynchronously: under load, one write(2) per
 * log line (pino's synchronous default) was ~5% of the API's CPU; sonic-boom
 * batches whatever accumulates while a write is in flight (minLength 0: no line
 * waits for a buffer to fill). pino flushes it synchronously on exit; only a
 * SIGKILL can lose the last lines. One stream per process, shared by every app.
 */
export function asyncStdout(): DestinationStream {
  stdout ??= pino.destination({ dest: 1, sync: false, minLength: 0 });
  return stdout;
}
