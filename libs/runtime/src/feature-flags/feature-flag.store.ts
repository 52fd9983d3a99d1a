import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TransactionHost } from '@nestjs-cls/transactional';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@keel/kernel';
import type { KeelTransactionHost } from '@keel/persistence';
import { type FeatureFlagRecord, featureFlagTypeOf, type FeatureFlagValue } from './feature-flag';
import type { FeatureFlagSource } from './database-feature-flag.provider';
import { FeatureFlagNotFoundError, FeatureFlagTypeMismatchError } from './feature-flags.errors';
import { FeatureFlagOrmEntity } from './persistence/feature-flag.orm-entity';

export interface FeatureFlagChange {
  before: FeatureFlagRecord;
  after: FeatureFlagRecord;
}

/**
 * Reads and writes `platform.feature_flags`. Runs on its own connection, not
 * the ambient transaction: the snapshot refresh runs outside any request, and
 * a flag change commits (and notifies every instance) on its own, with its
 * audit row (the one transaction the change opens is the ambient one for the writer).
 */
@Injectable()
export class FeatureFlagStore implements FeatureFlagSource {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly txHost: TransactionHost,
    private readonly audit: AuditTrail,
  ) {}

  async loadAll(): Promise<ReadonlyMap<string, FeatureFlagValue>> {
    const rows = await this.dataSource.getRepository(FeatureFlagOrmEntity).find({ select: { key: true, value: true } });
    return new Map(rows.map((row) => [row.key, row.value]));
  }

  async list(): Promise<FeatureFlagRecord[]> {
    const rows = await this.dataSource.getRepository(FeatureFlagOrmEntity).find({ order: { key: 'ASC' } });
    return rows.map(toRecord);
  }

  /** Sets a flag's value; the value must have the type the flag already has. The table's trigger notifies on commit. */
  async update(key: string, value: FeatureFlagValue, updatedBy: string): Promise<FeatureFlagChange> {
    const host = this.txHost as KeelTransactionHost;
    return host.withTransaction(async () => {
      const manager = host.tx;
      const flags = manager.getRepository(FeatureFlagOrmEntity);
      // Locked so that the type check and the write see the same row, whatever other admins do meanwhile.
      const current = await flags.findOne({ where: { key }, lock: { mode: 'pessimistic_write' } });
      if (!current) throw new FeatureFlagNotFoundError(key);
      const expected = featureFlagTypeOf(current.value);
      if (!expected || featureFlagTypeOf(value) !== expected) throw new FeatureFlagTypeMismatchError(key, expected ?? 'boolean');
      const before = toRecord(current);
      // Plain SQL: the value is any JSON, which TypeORM's typed partial update cannot express.
      await manager.query(`UPDATE platform.feature_flags SET value = $2::jsonb, updated_at = now(), updated_by = $3 WHERE key = $1`, [
        key,
        JSON.stringify(value),
        updatedBy,
      ]);
      const after = toRecord(await flags.findOneByOrFail({ key }));
      await this.audit.record({
        action: 'feature-flag.changed',
        target: { type: 'feature-flag', id: key },
        before: { value: before.value },
        after: { value: after.value },
      });
      return { before, after };
    });
  }
}

function toRecord(row: FeatureFlagOrmEntity): FeatureFlagRecord {
  return { key: row.key, value: row.value, description: row.description, updatedAt: row.updatedAt, updatedBy: row.updatedBy };
}
