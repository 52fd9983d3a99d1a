import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { QueryFailedError } from 'typeorm';
import type { KeelTransactionHost } from '@keel/persistence';
import type { IdempotentRequest } from './idempotent-request';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type ClaimOutcome =
  { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in_flight' } | { kind: 'mismatch' };

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * Takes the key when it is new or expired. A row of the previous release's
 * claims (auto-committed 'in_flight' with `locked_until`, migration
 * 1764235000000) is retaken once that lock has run out, as that release did.
 */
const CLAIM_SQL = `
  INSERT INTO platform.idempotency_keys AS k (scope, key, request_hash, status, created_at, expires_at)
  VALUES ($1, $2, $3, 'in_flight', now(), now() + make_interval(secs => $4))
  ON CONFLICT (scope, key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash, status = 'in_flight', response_status = NULL, response_body = NULL,
        locked_until = NULL, created_at = now(), expires_at = EXCLUDED.expires_at
    WHERE k.expires_at < now()
       OR (k.status = 'in_flight' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
  RETURNING 1`;

/**
 * Idempotency records in platform.idempotency_keys, written only inside the
 * command's transaction (ambient, through nestjs-cls): the claim is an
 * uncommitted row that lives and dies with that transaction. A concurrent
 * duplicate's INSERT waits on it; when the first commits, the duplicate sees
 * the stored response, and when it aborts (an error, or PostgreSQL noticing
 * that a killed process's connection is gone) the duplicate takes the key.
 */
@Injectable()
export class IdempotencyStore {
  constructor(private readonly txHost: TransactionHost) {}

  private get tx() {
    return (this.txHost as KeelTransactionHost).tx;
  }

  /**
   * Must be the first statement of the command's transaction. Waits at most
   * `lockTimeoutMs` for a concurrent holder of the key, then answers in_flight
   * (the transaction is then aborted: the caller must throw).
   */
  async claim(request: IdempotentRequest, lockTimeoutMs: number): Promise<ClaimOutcome> {
    // SET LOCAL: only this transaction, and set back right after the claim so the command's own
    // statements keep the connection's lock_timeout.
    await this.tx.query(`SELECT set_config('lock_timeout', $1, true)`, [`${Math.max(1, Math.round(lockTimeoutMs))}ms`]);
    let claimed: unknown[];
    try {
      claimed = await this.tx.query(CLAIM_SQL, [request.scope, request.key, request.requestHash, request.ttlSeconds]);
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === LOCK_NOT_AVAILABLE) {
        return { kind: 'in_flight' };
      }
      throw error;
    }
    await this.tx.query(`SET LOCAL lock_timeout TO DEFAULT`);
    if (claimed.length > 0) return { kind: 'claimed' };
    // Not claimed: the row is committed, and ON CONFLICT locked it, so it cannot change under us.
    const [row]: Array<{ request_hash: string; status: string; response_status: number | null; response_body: unknown }> =
      await this.tx.query(
        `SELECT request_hash, status, response_status, response_body FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
        [request.scope, request.key],
      );
    if (!row || row.request_hash !== request.requestHash) return row ? { kind: 'mismatch' } : { kind: 'in_flight' };
    if (row.status !== 'completed') return { kind: 'in_flight' }; // a previous release's claim, still locked
    return { kind: 'replay', response: { status: row.response_status ?? 200, body: row.response_body } };
  }

  /** Stores the response in the same transaction: it commits with the command's effects, or not at all. */
  async complete(request: IdempotentRequest, body: unknown): Promise<void> {
    await this.tx.query(
      `UPDATE platform.idempotency_keys SET status = 'completed', response_status = $3, response_body = $4::jsonb
        WHERE scope = $1 AND key = $2`,
      [request.scope, request.key, request.status, JSON.stringify(body ?? null)],
    );
  }
}
