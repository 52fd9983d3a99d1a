/** Public surface of the payments context: its module and what ormconfig needs. Other contexts use ./contracts only. */
export { PaymentsModule } from './payments.module';
export { PAYMENTS_MIGRATIONS, PAYMENTS_ORM_ENTITIES } from './infrastructure/persistence';
