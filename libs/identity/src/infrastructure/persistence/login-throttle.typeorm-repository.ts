import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { LoginThrottle, LoginThrottleRepository } from '../../domain';
import { LoginThrottleOrmEntity } from './login-throttle.orm-entity';

@Injectable()
export class LoginThrottleTypeOrmRepository extends TypeOrmRepositoryBase<LoginThrottleOrmEntity> implements LoginThrottleRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, LoginThrottleOrmEntity);
  }

  async find(accountKey: string): Promise<LoginThrottle | null> {
    const row = await this.repository.findOneBy({ accountKey });
    return row ? LoginThrottle.restore(row.accountKey, row) : null;
  }

  async lockOrStart(accountKey: string, now: Date): Promise<LoginThrottle> {
    const fresh = LoginThrottle.start(accountKey, now);
    // Insert-if-missing, then lock: concurrent failures for one account queue on the row instead of losing counts.
    await this.repository.createQueryBuilder().insert().values(this.toRow(fresh)).orIgnore().execute();
    const row = await this.repository
      .createQueryBuilder('t')
      .setLock('pessimistic_write')
      .where('t.account_key = :accountKey', { accountKey })
      .getOneOrFail();
    return LoginThrottle.restore(row.accountKey, row);
  }

  async save(throttle: LoginThrottle): Promise<void> {
    const { accountKey, ...changes } = this.toRow(throttle);
    await this.repository.update({ accountKey }, changes);
  }

  async clear(accountKey: string): Promise<void> {
    await this.repository.delete({ accountKey });
  }

  async clearAccount(accountKey: string): Promise<void> {
    // Client keys are `<accountKey>:<client hash>`; the account key is hex, so it needs no LIKE escaping.
    await this.repository.query(`DELETE FROM identity.login_throttles WHERE account_key = $1 OR account_key LIKE $1 || ':%'`, [accountKey]);
  }

  async purgeIdle(before: Date, now: Date): Promise<void> {
    // Bounded batch, skipping rows another transaction holds: cleanup never makes a login wait.
    await this.repository.query(
      `DELETE FROM identity.login_throttles WHERE account_key IN (
         SELECT account_key FROM identity.login_throttles
         WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2)
         LIMIT 100 FOR UPDATE SKIP LOCKED)`,
      [before, now],
    );
  }

  private toRow(throttle: LoginThrottle): LoginThrottleOrmEntity {
    return {
      accountKey: throttle.accountKey,
      failures: throttle.failures,
      windowStartedAt: throttle.windowStartedAt,
      lastFailureAt: throttle.lastFailureAt,
      lockedUntil: throttle.lockedUntil,
      lockouts: throttle.lockouts,
    };
  }
}
