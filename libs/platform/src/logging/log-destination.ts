import type { DestinationStream } from 'pino';

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
