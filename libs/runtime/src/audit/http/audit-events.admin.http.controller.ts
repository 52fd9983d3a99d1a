import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAdminAuth, ApiPageResponse, ApiProblems, decodeCursor, type Page, Roles, toPage } from '@keel/http';
import { ValidationError } from '@keel/kernel';
import { AuditEventReader, type AuditEventRow } from '@keel/persistence';
import { type AuditEventResponseDto, AuditEventResponseDto as AuditEventSchema } from './dto/audit-event.response.dto';
import { ListAuditEventsQueryDto } from './dto/list-audit-events.query.dto';

const toResponse = (row: AuditEventRow): AuditEventResponseDto => ({
  id: row.id,
  occurredAt: row.occurredAt.toISOString(),
  actor: { id: row.actorId, role: row.actorRole },
  action: row.action,
  target: { type: row.targetType, id: row.targetId },
  before: row.before,
  after: row.after,
  requestId: row.requestId,
  clientAddress: row.clientAddress,
});

/** ISO-8601 that class-validator accepts can still be past what a Date holds (a year beyond 275760). */
function instant(value: string | undefined, field: string): Date | undefined {
  if (value === undefined) return undefined;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new ValidationError('Invalid time.', [{ field, message: 'is not a representable instant' }]);
  return date;
}

@ApiTags('admin')
@ApiAdminAuth()
@Controller('admin/audit-events')
export class AuditEventsAdminHttpController {
  constructor(private readonly events: AuditEventReader) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    operationId: 'listAuditEvents',
    summary: 'Audit trail: who changed what (admin)',
    description:
      'Newest first. Every audited change with its actor, before/after of the changed fields, request id and client address, ' +
      'written in the same transaction as the change. Filter by actor, by target (`targetType`, `targetId`) and by time ' +
      '(`from` inclusive, `to` exclusive). Example: `?targetType=product&targetId=6f1c…&limit=50`.',
  })
  @ApiPageResponse(AuditEventSchema)
  @ApiProblems([400, 'A malformed filter or cursor, or `from` not before `to` (see `errors`)'], 401, [403, 'The token is not an admin’s'])
  async list(@Query() query: ListAuditEventsQueryDto): Promise<Page<AuditEventResponseDto>> {
    const from = instant(query.from, 'from');
    const to = instant(query.to, 'to');
    if (from && to && from >= to) throw new ValidationError('Empty time range.', [{ field: 'to', message: 'must be after from' }]);
    const rows = await this.events.list({
      actorId: query.actorId,
      targetType: query.targetType,
      targetId: query.targetId,
      from,
      to,
      after: decodeCursor(query.cursor),
      take: query.limit + 1,
    });
    return toPage(
      rows.map((row) => ({ ...row, createdAt: row.occurredAt })),
      query.limit,
      toResponse,
    );
  }
}
