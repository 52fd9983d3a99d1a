import { PaymentsSchema1764200000000 } from './migrations/1764200000000-payments-schema';
import { PaymentsCancelledOrders1764200000001 } from './migrations/1764200000001-payments-cancelled-orders';
import { CancelledOrderOrmEntity, ChargeAttemptOrmEntity, PaymentOrmEntity, WebhookEventOrmEntity } from './payment.orm-entity';

/** What ormconfig.ts needs to know about this context's tables. */
export const PAYMENTS_ORM_ENTITIES = [PaymentOrmEntity, WebhookEventOrmEntity, ChargeAttemptOrmEntity, CancelledOrderOrmEntity];
export const PAYMENTS_MIGRATIONS = [PaymentsSchema1764200000000, PaymentsCancelledOrders1764200000001];
