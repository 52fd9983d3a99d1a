import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { IsNull } from 'typeorm';
import { RefreshToken, RefreshTokenRepository } from '../../domain';
import { RefreshTokenOrmEntity } from './refresh-token.orm-entity';

@Injectable()
export class RefreshTokenTypeOrmRepository extends TypeOrmRepositoryBase<RefreshTokenOrmEntity> implements RefreshTokenRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, RefreshTokenOrmEntity);
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    const row = await this.repository.findOneBy({ tokenHash });
    return row ? RefreshToken.restore(row.id, { ...row }) : null;
  }

  async insert(token: RefreshToken): Promise<void> {
    await this.repository.insert({
      id: token.id,
      userId: token.userId,
      familyId: token.familyId,
      tokenHash: token.tokenHash,
      expiresAt: token.expiresAt,
      createdAt: token.createdAt,
      spentAt: token.spentAt,
      revokedAt: token.revokedAt,
    });
  }

  async markSpent(id: string, now: Date): Promise<boolean> {
    const result = await this.repository.update({ id, spentAt: IsNull(), revokedAt: IsNull() }, { spentAt: now });
    return result.affected === 1;
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    await this.repository.update({ familyId, revokedAt: IsNull() }, { revokedAt: now });
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    await this.repository.update({ userId, revokedAt: IsNull() }, { revokedAt: now });
  }
}
