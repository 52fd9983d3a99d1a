import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface StoredResponse {
  status: number;
  body: unknown;
}

export type ClaimOutcome =
  { kind: 'claimed' } | { kind: 'replay'; response: StoredResponse } | { kind: 'in_flight' } | { kind: 'mismatch' };

/**
 * Idempotency records in platform.idempotency_keys. A claim is its own
 * (auto-committed) statement so a concurrent duplicate sees it at once; the
 * completion is written in the same transaction as the command's effects.
 */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(scope: string, key: string, requestHash: string, ttlSeconds: number, lockSeconds: number): Promise<ClaimOutcome> {
    // Take the key when it is new, expired, or abandoned in flight by a crashed attempt with the same body.
    const claimed: unknown[] = await this.dataSource.query(
      `INSERT INTO platform.idempotency_keys AS k (scope, key, request_hash, status, locked_until, created_at, expires_at)
       VALUES ($1, $2, $3, 'in_flight', now() + make_interval(secs => $5), now(), now() + make_interval(secs => $4))
       ON CONFLICT (scope, key) DO UPDATE
         SET request_hash = EXCLUDED.request_hash, status = 'in_flight', response_status = NULL, response_body = NULL,
             locked_until = EXCLUDED.locked_until, created_at = now(), expires_at = EXCLUDED.expires_at
         WHERE k.expires_at < now() OR (k.status = 'in_flight' AND k.locked_until < now() AND k.request_hash = EXCLUDED.request_hash)
       RETURNING 1`,
      [scope, key, requestHash, ttlSeconds, lockSeconds],
    );
    if (claimed.length > 0) return { kind: 'claimed' };
    const [row]: Array<{ request_hash: string; status: string; response_status: number | null; response_body: unknown }> =
      await this.dataSource.query(
        `SELECT request_hash, status, response_status, response_body FROM platform.idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
    if (!row) return this.claim(scope, key, requestHash, ttlSeconds, lockSeconds); // expired and removed meanwhile
    if (row.request_hash !== requestHash) return { kind: 'mismatch' };
    if (row.status !== 'completed') return { kind: 'in_flight' };
    return { kind: 'replay', response: { status: row.response_status ?? 200, body: row.response_body } };
  }

  /** Call inside the command's transaction: the stored response commits with its effects. */
  async complete(manager: { query: DataSource['query'] }, scope: string, key: string, response: StoredResponse): Promise<void> {
    await manager.query(
      `UPDATE platform.idempotency_keys SET status = 'completed', response_status = $3, response_body = $4::jsonb WHERE scope = $1 AND key = $2`,
      [scope, key, response.status, JSON.stringify(response.body ?? null)],
    );
  }

  /** A failed attempt releases the key so the client may retry with it. */
  async release(scope: string, key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM platform.idempotency_keys WHERE scope = $1 AND key = $2 AND status = 'in_flight'`, [
      scope,
      key,
    ]);
  }
}
