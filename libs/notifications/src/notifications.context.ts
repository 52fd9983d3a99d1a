import type { ContextDescriptor } from '@keel/kernel';
import { NotificationsEnvironment } from './notifications.environment';
import { NOTIFICATIONS_MIGRATIONS, NOTIFICATIONS_ORM_ENTITIES } from './infrastructure/persistence';
import { NotificationsModule } from './notifications.module';

/** The notifications context, as the API, the worker, the migrations and the API document see it (root contexts.ts). */
export const notificationsContext: ContextDescriptor = {
  name: 'notifications',
  module: NotificationsModule,
  entities: NOTIFICATIONS_ORM_ENTITIES,
  migrations: NOTIFICATIONS_MIGRATIONS,
  openApi: { tags: [{ name: 'notifications', description: 'Emails sent to the signed-in user' }] },
  settings: NotificationsEnvironment,
};
