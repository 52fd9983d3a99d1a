import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { IsNull, MoreThan } from 'typeorm';
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
      sealedSuccessor: token.sealedSuccessor,
    });
  }

  async recordSuccessor(id: string, sealedSuccessor: string): Promise<void> {
    await this.repository.update({ id }, { sealedSuccessor });
  }

  async familiesIssuedSince(userId: string, since: Date): Promise<string[]> {
    const rows = await this.repository
      .createQueryBuilder('t')
      .select('DISTINCT t.family_id', 'familyId')
      .where({ userId, createdAt: MoreThan(since) })
      .getRawMany<{ familyId: string }>();
    return rows.map((r) => r.familyId);
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
