import { PlatformMessaging1764140000000 } from './migrations/1764140000000-platform-messaging';
import { IdempotencyClaimInTransaction1764235000000 } from './migrations/1764235000000-idempotency-claim-in-transaction';
import { IdempotencyKeyOrmEntity } from './idempotency-key.orm-entity';
import { InboxOrmEntity } from './inbox.orm-entity';
import { OutboxOrmEntity } from './outbox.orm-entity';

export const PLATFORM_ORM_ENTITIES = [OutboxOrmEntity, InboxOrmEntity, IdempotencyKeyOrmEntity];
export const PLATFORM_MIGRATIONS = [PlatformMessaging1764140000000, IdempotencyClaimInTransaction1764235000000];
export { OutboxOrmEntity, InboxOrmEntity, IdempotencyKeyOrmEntity };
