import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost, TypeOrmRepositoryBase } from '@keel/persistence';
import { MoreThan } from 'typeorm';
import type { LoginDeviceRepository } from '../../domain';
import { LoginDeviceOrmEntity } from './login-device.orm-entity';

@Injectable()
export class LoginDeviceTypeOrmRepository extends TypeOrmRepositoryBase<LoginDeviceOrmEntity> implements LoginDeviceRepository {
  constructor(txHost: TransactionHost) {
    super(txHost as KeelTransactionHost, LoginDeviceOrmEntity);
  }

  async isKnown(userId: string, deviceHash: string, since: Date): Promise<boolean> {
    return this.repository.existsBy({ userId, deviceHash, lastLoginAt: MoreThan(since) });
  }

  async remember(userId: string, deviceHash: string, now: Date, forgetBefore: Date): Promise<void> {
    await this.repository
      .createQueryBuilder()
      .insert()
      .values({ userId, deviceHash, lastLoginAt: now })
      .orUpdate(['last_login_at'], ['user_id', 'device_hash'])
      .execute();
    await this.repository.query(`DELETE FROM identity.login_devices WHERE user_id = $1 AND last_login_at < $2`, [userId, forgetBefore]);
  }
}
