import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { randomUUID } from 'node:crypto';
import { AUDIT_ACTOR, AUDIT_CLIENT_ADDRESS, type AuditActor, type AuditEntry, AuditTrail } from '@keel/kernel';
import type { KeelTransactionHost } from '../database/typeorm-repository.base';

const INSERT_SQL = `
  INSERT INTO platform.audit_events
    (id, actor_id, actor_role, action, target_type, target_id, before, after, request_id, client_address)
  VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9, $10)`;

/**
 * Writes audit rows in the caller's transaction (one INSERT), so an audited
 * change and its row commit or roll back together. Refuses to run outside a
 * transaction, as the outbox does: an autocommitted row could outlive a change
 * that then failed. Who and from where come from the request context the HTTP
 * layer filled (JwtAuthGuard); the use case may name the actor itself.
 */
@Injectable()
export class TypeOrmAuditTrail extends AuditTrail {
  constructor(
    private readonly txHost: TransactionHost,
    private readonly cls: ClsService,
  ) {
    super();
  }

  async record(entry: AuditEntry): Promise<void> {
    const host = this.txHost as KeelTransactionHost;
    if (!host.isTransactionActive()) {
      throw new Error(`AuditTrail.record(${entry.action}) must run inside the transaction of the change it records.`);
    }
    const fromRequest = <T>(key: string): T | undefined => (this.cls.isActive() ? (this.cls.get(key) as T | undefined) : undefined);
    const actor = entry.actor ?? fromRequest<AuditActor>(AUDIT_ACTOR) ?? { id: null, role: 'system' };
    await host.tx.query(INSERT_SQL, [
      randomUUID(),
      actor.id,
      actor.role,
      entry.action,
      entry.target.type,
      entry.target.id,
      entry.before == null ? null : JSON.stringify(entry.before),
      entry.after == null ? null : JSON.stringify(entry.after),
      fromRequest<string>('requestId') ?? null,
      fromRequest<string>(AUDIT_CLIENT_ADDRESS) ?? null,
    ]);
  }
}
