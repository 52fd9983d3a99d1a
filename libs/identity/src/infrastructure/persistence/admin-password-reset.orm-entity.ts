import { Column, Entity, ForeignKey, PrimaryColumn } from 'typeorm';
import { UserOrmEntity } from './user.orm-entity';

/** Mirrors migration 1764310000002-identity-admin-password-resets (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'admin_password_resets' })
export class AdminPasswordResetOrmEntity {
  @PrimaryColumn('uuid', { name: 'user_id', primaryKeyConstraintName: 'admin_password_resets_pkey' })
  @ForeignKey(() => UserOrmEntity, { name: 'admin_password_resets_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  /** argon2 hash of the ADMIN_PASSWORD that was applied. */
  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('timestamptz', { name: 'applied_at' })
  appliedAt!: Date;
}
