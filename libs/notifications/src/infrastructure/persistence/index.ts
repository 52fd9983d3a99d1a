import { DevMailboxMessageOrmEntity } from './dev-mailbox-message.orm-entity';
import { NotificationsSchema1764190000000 } from './migrations/1764190000000-notifications-schema';
import { DevMailboxBodies1764300000001 } from './migrations/1764300000001-dev-mailbox-bodies';
import { NotificationOrmEntity } from './notification.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const NOTIFICATIONS_ORM_ENTITIES = [NotificationOrmEntity, DevMailboxMessageOrmEntity];
export const NOTIFICATIONS_MIGRATIONS = [NotificationsSchema1764190000000, DevMailboxBodies1764300000001];
