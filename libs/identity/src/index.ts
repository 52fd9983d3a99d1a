/** Public surface of the identity context: its module and what ormconfig needs. */
export { IdentityModule } from './identity.module';
export { IDENTITY_MIGRATIONS, IDENTITY_ORM_ENTITIES } from './infrastructure/persistence';
