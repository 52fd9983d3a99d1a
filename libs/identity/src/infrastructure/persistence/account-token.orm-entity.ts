import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { UserOrmEntity } from './user.orm-entity';

/** Mirrors migration 1764300000000-identity-account-tokens (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'account_tokens' })
@Unique('account_tokens_token_hash_key', ['tokenHash'])
@Index('account_tokens_user_idx', ['userId'])
@Check('account_tokens_purpose_check', `purpose IN ('email-verification', 'password-reset')`)
export class AccountTokenOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'account_tokens_pkey' })
  id!: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserOrmEntity, { name: 'account_tokens_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column('text')
  purpose!: string;

  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'used_at', nullable: true })
  usedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
