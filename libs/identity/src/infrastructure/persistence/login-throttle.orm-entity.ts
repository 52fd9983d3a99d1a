import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ schema: 'identity', name: 'login_throttles' })
export class LoginThrottleOrmEntity {
  /** SHA-256 of the normalised email as typed (registered or not). */
  @PrimaryColumn('text', { name: 'account_key' })
  accountKey!: string;

  @Column('integer')
  failures!: number;

  @Column('timestamptz', { name: 'window_started_at' })
  windowStartedAt!: Date;

  @Column('timestamptz', { name: 'last_failure_at' })
  lastFailureAt!: Date;

  @Column('timestamptz', { name: 'locked_until', nullable: true })
  lockedUntil!: Date | null;

  @Column('integer')
  lockouts!: number;
}
