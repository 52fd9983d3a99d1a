import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Mirrors migration 1764140000000-platform-messaging (checked by `npm run migration:check`). */
@Entity({ schema: 'platform', name: 'idempotency_keys' })
@Check('idempotency_keys_status_check', `status IN ('in_flight', 'completed')`)
@Index('idempotency_keys_expiry_idx', ['expiresAt'])
export class IdempotencyKeyOrmEntity {
  /** Who the key belongs to, e.g. `orders.place-order:<userId>`: keys are per user and per operation. */
  @PrimaryColumn('text', { primaryKeyConstraintName: 'idempotency_keys_pkey' })
  scope!: string;

  @PrimaryColumn('text', { primaryKeyConstraintName: 'idempotency_keys_pkey' })
  key!: string;

  @Column('text', { name: 'request_hash' })
  requestHash!: string;

  @Column('text')
  status!: 'in_flight' | 'completed';

  @Column('integer', { name: 'response_status', nullable: true })
  responseStatus!: number | null;

  @Column('jsonb', { name: 'response_body', nullable: true })
  responseBody!: unknown;

  @Column('jsonb', { name: 'response_headers', nullable: true })
  responseHeaders!: Record<string, string> | null;

  /** Only rows claimed by the release before the in-transaction claim carry it (migration 1764235000000); to be dropped. */
  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @Column('timestamptz', { name: 'created_at', default: () => 'now()' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;
}
