import { Check, Column, Entity, PrimaryColumn, Unique, VersionColumn } from 'typeorm';

/** Mirrors migration 1764150000000-identity-schema (checked by `npm run migration:check`). */
@Entity({ schema: 'identity', name: 'users' })
@Unique('users_email_key', ['email'])
@Check('users_email_lowercase', `email = lower(email)`)
export class UserOrmEntity {
  @PrimaryColumn('uuid', { primaryKeyConstraintName: 'users_pkey' })
  id!: string;

  @Column('text')
  email!: string;

  @Column('text')
  name!: string;

  @Column('text', { name: 'password_hash' })
  passwordHash!: string;

  @Column('text', { array: true, default: ['customer'] })
  roles!: string[];

  /** Added by migration 1764300000000-identity-account-tokens. */
  @Column('timestamptz', { name: 'email_verified_at', nullable: true })
  emailVerifiedAt!: Date | null;

  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @VersionColumn({ default: 1 })
  version!: number;
}
