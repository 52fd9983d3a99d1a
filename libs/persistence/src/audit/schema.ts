import { AuditEventOrmEntity } from './audit-event.orm-entity';
import { AuditEvents1764330000001 } from './migrations/1764330000001-audit-events';

/** The audit trail's table, for ormconfig.ts (imported alone: no Nest here). */
export const AUDIT_ORM_ENTITIES = [AuditEventOrmEntity];
export const AUDIT_MIGRATIONS = [AuditEvents1764330000001];
