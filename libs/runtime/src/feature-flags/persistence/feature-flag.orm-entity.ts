import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeatureFlagValue } from '../feature-flag';

/**
 * A runtime switch. Rows are created by migrations (the code knows which flags exist); admins only change values.
 * Mirrors migration 1764210000000-platform-feature-flags (checked by `npm run migration:check`); its
 * `feature_flags_changed` trigger is not described here: TypeORM has no notion of triggers and ignores them.
 */
@Entity({ schema: 'platform', name: 'feature_flags' })
@Check('feature_flags_key_check', `length(key) <= 100 AND key ~ '^[a-z0-9]+([._-][a-z0-9]+)*$'`)
export class FeatureFlagOrmEntity {
  @PrimaryColumn('text', { primaryKeyConstraintName: 'feature_flags_pkey' })
  key!: string;

  @Column('jsonb')
  value!: FeatureFlagValue;

  @Column('text')
  description!: string;

  @Column('timestamptz', { name: 'updated_at', default: () => 'now()' })
  updatedAt!: Date;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;
}
