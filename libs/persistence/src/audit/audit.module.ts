import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditTrail } from '@keel/kernel';
import { AuditEventReader } from './audit-event.reader';
import { AUDIT_ORM_ENTITIES } from './schema';
import { TypeOrmAuditTrail } from './typeorm-audit-trail';

/** Binds the kernel's AuditTrail port for every module (the platform imports this once). */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature(AUDIT_ORM_ENTITIES)],
  providers: [{ provide: AuditTrail, useClass: TypeOrmAuditTrail }, AuditEventReader],
  exports: [AuditTrail, AuditEventReader],
})
export class AuditModule {}
