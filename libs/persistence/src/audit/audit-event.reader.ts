import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface AuditEventRow {
  id: string;
  occurredAt: Date;
  actorId: string | null;
  actorRole: string;
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  clientAddress: string | null;
}

export interface AuditEventFilter {
  actorId?: string;
  targetType?: string;
  targetId?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  /** Keyset position: rows strictly older than this one. */
  after?: { createdAt: Date; id: string };
  /** Rows to fetch (the caller asks one more than it shows, to know whether there is a next page). */
  take: number;
}

/** Newest first, filtered; always from the primary (an audit read must see the change just made). */
@Injectable()
export class AuditEventReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: AuditEventFilter): Promise<AuditEventRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.actorId) where.push(`actor_id = ${param(filter.actorId)}`);
    if (filter.targetType) where.push(`target_type = ${param(filter.targetType)}`);
    if (filter.targetId) where.push(`target_id = ${param(filter.targetId)}`);
    if (filter.from) where.push(`occurred_at >= ${param(filter.from)}`);
    if (filter.to) where.push(`occurred_at < ${param(filter.to)}`);
    if (filter.after) where.push(`(occurred_at, id) < (${param(filter.after.createdAt)}, ${param(filter.after.id)}::uuid)`);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, occurred_at, actor_id, actor_role, action, target_type, target_id, before, after, request_id, client_address
         FROM platform.audit_events
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY occurred_at DESC, id DESC
        LIMIT ${param(filter.take)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      occurredAt: r.occurred_at as Date,
      actorId: r.actor_id as string | null,
      actorRole: r.actor_role as string,
      action: r.action as string,
      targetType: r.target_type as string,
      targetId: r.target_id as string,
      before: r.before as Record<string, unknown> | null,
      after: r.after as Record<string, unknown> | null,
      requestId: r.request_id as string | null,
      clientAddress: r.client_address as string | null,
    }));
  }
}
