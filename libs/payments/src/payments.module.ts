import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CHARGE_ATTEMPTS_COUNTER,
  ChargeOnPaymentRequested,
  HandleWebhookHandler,
  ListPaymentsForOrderHandler,
  PAYMENTS_SETTINGS,
  type PaymentsSettings,
  ReconcilePendingPaymentsHandler,
  RefundLateCharge,
  RefundOnOrderCancelled,
  WEBHOOK_INBOX,
} from './application';
import { PAYMENT_REPOSITORY } from './domain';
import { PaymentsWebhooksHttpController } from './infrastructure/http/payments-webhooks.http.controller';
import { WebhookRawBodyHook } from './infrastructure/http/raw-body.hook';
import { PAYMENTS_ORM_ENTITIES } from './infrastructure/persistence';
import {
  PaymentTypeOrmRepository,
  TypeOrmChargeAttemptsCounter,
  TypeOrmWebhookInbox,
} from './infrastructure/persistence/payment.typeorm-repository';
import { ReconciliationScheduler } from './infrastructure/scheduling/reconciliation.scheduler';
import { paymentProviderRegistry } from './infrastructure/providers/payment-provider.registry';
import { PaymentsConfig } from './payments.environment';

/**
 * Payments bounded context: charges an order when orders asks for it, with the
 * order's provider (Stripe or Razorpay strategies behind one port), refunds a
 * cancelled paid order, and takes the providers' signed webhooks.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PAYMENTS_ORM_ENTITIES)],
  controllers: [PaymentsWebhooksHttpController],
  providers: [
    ChargeOnPaymentRequested,
    RefundOnOrderCancelled,
    RefundLateCharge,
    HandleWebhookHandler,
    ListPaymentsForOrderHandler,
    WebhookRawBodyHook,
    ReconcilePendingPaymentsHandler,
    ReconciliationScheduler,
    paymentProviderRegistry,
    { provide: PAYMENT_REPOSITORY, useClass: PaymentTypeOrmRepository },
    { provide: WEBHOOK_INBOX, useClass: TypeOrmWebhookInbox },
    { provide: CHARGE_ATTEMPTS_COUNTER, useClass: TypeOrmChargeAttemptsCounter },
    {
      provide: PAYMENTS_SETTINGS,
      inject: [PaymentsConfig],
      useFactory: (config: PaymentsConfig): PaymentsSettings => ({
        enabled: config.get('PAYMENTS_ENABLED', { infer: true }),
      }),
    },
    // generators: new handlers and consumers go above this line
  ],
})
export class PaymentsModule {}
