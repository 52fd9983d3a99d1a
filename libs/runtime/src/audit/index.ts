export * from './audit-events.module';
