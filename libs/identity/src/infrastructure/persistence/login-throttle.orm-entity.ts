import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Mirrors migration 1764150000001-identity-login-throttles (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'login_throttles' })
@Check('login_throttles_failures_check', `failures >= 0`)
@Check('login_throttles_lockouts_check', `lockouts >= 0`)
@Index('login_throttles_last_failure_idx', ['lastFailureAt'])
export class LoginThrottleOrmEntity {
  /** SHA-256 of the normalised email as typed (registered or not); `<that>:<client hash>` for a client's throttle. */
  @PrimaryColumn('text', { name: 'account_key', primaryKeyConstraintName: 'login_throttles_pkey' })
  accountKey!: string;

  @Column('integer')
  failures!: number;

  @Column('timestamptz', { name: 'window_started_at' })
  windowStartedAt!: Date;

  @Column('timestamptz', { name: 'last_failure_at' })
  lastFailureAt!: Date;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @Column('integer', { default: 0 })
  lockouts!: number;
}
