export * from './audit-trail.port';
