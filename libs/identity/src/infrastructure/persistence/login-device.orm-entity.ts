import { Column, Entity, ForeignKey, Index, PrimaryColumn } from 'typeorm';
import { UserOrmEntity } from './user.orm-entity';

/** Mirrors migration 1764310000001-identity-login-devices (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'login_devices' })
@Index('login_devices_last_login_idx', ['lastLoginAt'])
export class LoginDeviceOrmEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'login_devices_pkey' })
  @ForeignKey(() => UserOrmEntity, { name: 'login_devices_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** SHA-256 of the device id from the signed device cookie. */
  @PrimaryColumn('text', { name: 'device_hash', primaryKeyConstraintName: 'login_devices_pkey' })
  deviceHash!: string;

  @Column('timestamptz', { name: 'last_login_at' })
  lastLoginAt!: Date;
}
