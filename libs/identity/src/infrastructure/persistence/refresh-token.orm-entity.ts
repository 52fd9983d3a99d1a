import { Column, Entity, ForeignKey, Index, PrimaryColumn, Unique } from 'typeorm';
import { UserOrmEntity } from './user.orm-entity';

/** Mirrors migrations 1764150000000-identity-schema and 1764310000000-identity-refresh-successor (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'refresh_tokens' })
@Unique('refresh_tokens_token_hash_key', ['tokenHash'])
@Index('refresh_tokens_family_idx', ['familyId'])
@Index('refresh_tokens_user_idx', ['userId'])
export class RefreshTokenOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'refresh_tokens_pkey' })
  id!: string;

  @Column('uuid', { name: 'user_id' })
  @ForeignKey(() => UserOrmEntity, { name: 'refresh_tokens_user_id_fkey', onDelete: 'CASCADE' })
  userId!: string;

  @Column('uuid', { name: 'family_id' })
  familyId!: string;

  @Column('text', { name: 'token_hash' })
  tokenHash!: string;

  @Column('timestamptz', { name: 'expires_at' })
  expiresAt!: Date;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'spent_at', nullable: true })
  spentAt!: Date | null;

  @Column('timestamptz', { name: 'revoked_at', nullable: true })
  revokedAt!: Date | null;

  /** The sealed pair this token was rotated into (AES-256-GCM under a key derived from the token itself). */
  @Column('text', { name: 'sealed_successor', nullable: true })
  sealedSuccessor!: string | null;
}
