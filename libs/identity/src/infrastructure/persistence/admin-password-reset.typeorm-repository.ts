import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import type { AdminPasswordResetRepository } from '../../domain';
import { AdminPasswordResetOrmEntity } from './admin-password-reset.orm-entity';

@Injectable()
export class AdminPasswordResetTypeOrmRepository
  extends TypeOrmRepositoryBase<AdminPasswordResetOrmEntity>
  implements AdminPasswordResetRepository
{
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, AdminPasswordResetOrmEntity);
  }

  async findAppliedHash(userId: string): Promise<string | null> {
    return (await this.repository.findOneBy({ userId }))?.passwordHash ?? null;
  }

  async recordApplied(userId: string, passwordHash: string, now: Date): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .insert()
      .values({ userId, passwordHash, appliedAt: now })
      .orUpdate(['password_hash', 'applied_at'], ['user_id'])
      .execute();
  }
}
