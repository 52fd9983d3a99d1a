import { Check, Column, Entity, Index, PrimaryColumn, type DataSourceOptions } from 'typeorm';
import { keelDataSourceOptions, ORM_ENTITIES } from '../../../ormconfig';
import { checkMigrations, describeDrift } from '../../../scripts/db/migration-check';
import { LoginThrottleOrmEntity } from '../../../libs/identity/src/infrastructure/persistence/login-throttle.orm-entity';
import { CancelledOrderOrmEntity, PaymentOrmEntity } from '../../../libs/payments/src/infrastructure/persistence/payment.orm-entity';
import { SERVER_URL } from '../../support/test-database';

jest.setTimeout(120_000);

/** payments.payments as a developer would leave it after adding a field to the entity and forgetting the migration. */
@Entity({ schema: 'payments', name: 'payments' })
class PaymentWithUnmigratedColumn extends PaymentOrmEntity {
  @Column('text', { name: 'gift_note', nullable: true })
  giftNote!: string | null;
}

/** identity.login_throttles with one check loosened in the entity only: a change TypeORM's own diff cannot see. */
@Entity({ schema: 'identity', name: 'login_throttles' })
@Check('login_throttles_failures_check', `failures >= -1`)
@Check('login_throttles_lockouts_check', `lockouts >= 0`)
@Index('login_throttles_last_failure_idx', ['lastFailureAt'])
class LoginThrottleWithLoosenedCheck {
  @PrimaryColumn('text', { name: 'account_key', primaryKeyConstraintName: 'login_throttles_pkey' })
  accountKey!: string;
  @Column('integer') failures!: number;
  @Column('timestamptz', { name: 'window_started_at' }) windowStartedAt!: Date;
  @Column('timestamptz', { name: 'last_failure_at' }) lastFailureAt!: Date;
  @Column('timestamptz', { name: 'locked_until', nullable: true }) lockedUntil!: Date | null;
  @Column('integer', { default: 0 }) lockouts!: number;
}

type EntityClass = (typeof ORM_ENTITIES)[number];

/** The real DataSource, with some entities swapped out. */
function withEntities(replace: Map<EntityClass, EntityClass | null>): (url: string) => DataSourceOptions {
  const entities = ORM_ENTITIES.map((e) => (replace.has(e) ? replace.get(e) : e)).filter((e): e is EntityClass => !!e);
  return (url) => ({ ...keelDataSourceOptions(url, 'keel-migration-check-test'), entities });
}

describe('npm run migration:check (scripts/db/migration-check.ts)', () => {
  it('When every migration has run on a fresh database, then the entities describe exactly what they created', async () => {
    const drift = await checkMigrations(SERVER_URL);

    expect(drift).toEqual({ up: [], down: [], definitions: [], tablesWithoutEntity: [] });
    expect(describeDrift(drift)).toBeNull();
  });

  it('When a column is added to an entity without a migration, then the check fails naming the ALTER TABLE migration:generate would write', async () => {
    const drift = await checkMigrations(SERVER_URL, withEntities(new Map([[PaymentOrmEntity, PaymentWithUnmigratedColumn]])));

    // Exactly the one change: the subclass inherits every other column, check, unique and index unchanged.
    expect(drift.up).toEqual([`ALTER TABLE "payments"."payments" ADD "gift_note" text`]);
    expect(drift.down).toEqual([`ALTER TABLE "payments"."payments" DROP COLUMN "gift_note"`]);
    expect(drift.definitions).toEqual([`entities:   payments.payments: column gift_note text`]);
    expect(describeDrift(drift)).toContain(`  ALTER TABLE "payments"."payments" ADD "gift_note" text;`);
  });

  it('When a check differs only in its expression, or a migrated table has no entity, then the check names both although migration:generate would write nothing', async () => {
    const drift = await checkMigrations(
      SERVER_URL,
      withEntities(
        new Map<EntityClass, EntityClass | null>([
          [LoginThrottleOrmEntity, LoginThrottleWithLoosenedCheck],
          [CancelledOrderOrmEntity, null],
        ]),
      ),
    );

    expect(drift.up).toEqual([]);
    expect(drift.definitions).toEqual([
      "entities:   identity.login_throttles: constraint login_throttles_failures_check CHECK ((failures >= '-1'::integer))",
      'migrations: identity.login_throttles: constraint login_throttles_failures_check CHECK ((failures >= 0))',
    ]);
    expect(drift.tablesWithoutEntity).toEqual(['payments.cancelled_orders']);
    const report = describeDrift(drift);
    expect(report).toContain('login_throttles_failures_check');
    expect(report).toContain('  payments.cancelled_orders');
  });
});
