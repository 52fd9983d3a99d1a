import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { IsNull, MoreThan } from 'typeorm';
import type { AccountTokenPurpose, AccountTokenRepository, NewAccountToken } from '../../domain';
import { AccountTokenOrmEntity } from './account-token.orm-entity';

@Injectable()
export class AccountTokenTypeOrmRepository extends TypeOrmRepositoryBase<AccountTokenOrmEntity> implements AccountTokenRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, AccountTokenOrmEntity);
  }

  async insert(token: NewAccountToken): Promise<void> {
    await this.repository.insert({ ...token, usedAt: null });
  }

  async consume(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<string | null> {
    // One conditional UPDATE … RETURNING: of two concurrent uses, the second matches no row.
    const result = await this.repository
      .createQueryBuilder()
      .update()
      .set({ usedAt: now })
      .where({ tokenHash, purpose, usedAt: IsNull(), expiresAt: MoreThan(now) })
      .returning(['userId'])
      .execute();
    const row = (result.raw as Array<{ user_id?: string; userId?: string }>)[0];
    return row ? (row.user_id ?? row.userId ?? null) : null;
  }

  async spendAllForUser(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void> {
    await this.repository.update({ userId, purpose, usedAt: IsNull() }, { usedAt: now });
  }
}
