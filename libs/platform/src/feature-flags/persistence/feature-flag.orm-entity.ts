import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FeatureFlagValue } from '../feature-flag';

/** A runtime switch. Rows are created by migrations (the code knows which flags exist); admins only change values. */
@Entity({ schema: 'platform', name: 'feature_flags' })
export class FeatureFlagOrmEntity {
  @PrimaryColumn('text')
  key!: string;

  @Column('jsonb')
  value!: FeatureFlagValue;

  @Column('text')
  description!: string;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  @Column('uuid', { name: 'updated_by', nullable: true })
  updatedBy!: string | null;
}
