import { Module } from '@nestjs/common';
import { AuditEventsAdminHttpController } from './http/audit-events.admin.http.controller';

/** GET /api/v1/admin/audit-events, in HTTP apps (the AuditTrail writer and reader are the platform's, global). */
@Module({ controllers: [AuditEventsAdminHttpController] })
export class AuditEventsModule {}
