export * from './schema';
export * from './audit.module';
export * from './audit-event.reader';
export * from './typeorm-audit-trail';
