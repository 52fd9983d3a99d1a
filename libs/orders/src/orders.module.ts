import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CancelOrderHandler,
  ConfirmOrderOnStockReserved,
  GetOrderHandler,
  ListOrderPaymentsHandler,
  ListOrdersHandler,
  MarkPaidOnPaymentSucceeded,
  MarkPaymentFailedOnPaymentFailed,
  ORDER_PAYMENTS,
  PlaceOrderHandler,
  PRODUCT_CATALOG,
  CUSTOMER_ACCOUNTS,
  RejectOrderOnStockRejected,
} from './application';
import { ORDER_REPOSITORY } from './domain';
import { CatalogProductCatalog } from './infrastructure/catalog/catalog.product-catalog';
import { IdentityCustomerAccounts } from './infrastructure/identity/identity.customer-accounts';
import { OrdersHttpController } from './infrastructure/http/orders.http.controller';
import { PaymentsOrderPayments } from './infrastructure/payments/payments.order-payments';
import { ORDERS_ORM_ENTITIES } from './infrastructure/persistence';
import { OrderTypeOrmRepository } from './infrastructure/persistence/order.typeorm-repository';

/** Orders bounded context: placing and cancelling orders, and the order lifecycle driven by inventory and payment events. */
@Module({
  imports: [TypeOrmModule.forFeature(ORDERS_ORM_ENTITIES)],
  controllers: [OrdersHttpController],
  providers: [
    PlaceOrderHandler,
    CancelOrderHandler,
    GetOrderHandler,
    ListOrderPaymentsHandler,
    ListOrdersHandler,
    ListOrderPaymentsHandler,
    ConfirmOrderOnStockReserved,
    RejectOrderOnStockRejected,
    MarkPaidOnPaymentSucceeded,
    MarkPaymentFailedOnPaymentFailed,
    { provide: ORDER_PAYMENTS, useClass: PaymentsOrderPayments },
    { provide: ORDER_REPOSITORY, useClass: OrderTypeOrmRepository },
    { provide: PRODUCT_CATALOG, useClass: CatalogProductCatalog },
    { provide: CUSTOMER_ACCOUNTS, useClass: IdentityCustomerAccounts },
    // generators: new handlers and consumers go above this line
  ],
})
export class OrdersModule {}
