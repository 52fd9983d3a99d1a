/** Socket-level failures reaching PostgreSQL (node-postgres surfaces them with these codes). */
const SOCKET_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// Both names TypeORM uses for a runner whose connection is gone (the second from a repository bound to it).
const RELEASED_RUNNER = new Set(['QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError']);

/**
 * node-postgres reports a lost or impossible connection with plain messages, not
 * codes: pool checkout timing out, the server closing the socket mid-query.
 */
const CONNECTION_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Connection is not established|Client has encountered a connection error/i;

/**
 * True when an error means the database cannot be reached right now (server
 * down, restarting, failing over), as opposed to a bug or a bad query:
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (admin/crash shutdown,
 * cannot connect now), a socket error, or node-postgres's connection messages.
 * The API answers these with a 503 the client may retry, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const candidates = [error, (error as { driverError?: unknown } | null)?.driverError, (error as { cause?: unknown } | null)?.cause];
  return candidates.some((candidate) => {
    if (!candidate || typeof candidate !== 'object') return false;
    const code = String((candidate as { code?: unknown }).code ?? '');
    if (code.startsWith('08') || /^57P0[1-3]$/.test(code) || SOCKET_ERROR_CODES.has(code)) return true;
    // TypeORM releases a transaction's query runner when its connection dies mid-transaction;
    // the rollback (or next query) then fails with this instead of the connection error.
    if (RELEASED_RUNNER.has((candidate as { name?: string }).name ?? '') || RELEASED_RUNNER.has(candidate.constructor?.name ?? ''))
      return true;
    return CONNECTION_MESSAGES.test(String((candidate as { message?: unknown }).message ?? ''));
  });
}
