import type { ContextDescriptor } from '@keel/kernel';
import { IdentityEnvironment } from './identity.environment';
import { IDENTITY_MIGRATIONS, IDENTITY_ORM_ENTITIES } from './infrastructure/persistence';
import { IdentityModule } from './identity.module';

/** The identity context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const identityContext: ContextDescriptor = {
  name: 'identity',
  module: IdentityModule,
  entities: IDENTITY_ORM_ENTITIES,
  migrations: IDENTITY_MIGRATIONS,
  openApi: { tags: [{ name: 'identity', description: 'Accounts, sessions (access and refresh tokens) and users' }] },
  settings: IdentityEnvironment,
};
