import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  CancelOrderHandler,
  CUSTOMER_DIRECTORY,
  GetInvoiceDownloadHandler,
  INVOICE_RENDERER,
  INVOICE_SETTINGS,
  type InvoiceSettings,
  IssueInvoiceOnOrderPaid,
  RenderInvoiceOnInvoiceIssued,
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
import { INVOICE_REPOSITORY, ORDER_REPOSITORY } from './domain';
import { IdentityCustomers } from './infrastructure/identity/identity.customers';
import { PdfkitInvoiceRenderer } from './infrastructure/invoices/pdfkit.invoice-renderer';
import { InvoiceTypeOrmRepository } from './infrastructure/persistence/invoice.typeorm-repository';
import { OrdersConfig } from './orders.environment';
import { CatalogProductCatalog } from './infrastructure/catalog/catalog.product-catalog';
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
    IdentityCustomers,
    { provide: CUSTOMER_ACCOUNTS, useExisting: IdentityCustomers },
    GetInvoiceDownloadHandler,
    IssueInvoiceOnOrderPaid,
    RenderInvoiceOnInvoiceIssued,
    { provide: INVOICE_REPOSITORY, useClass: InvoiceTypeOrmRepository },
    { provide: INVOICE_RENDERER, useClass: PdfkitInvoiceRenderer },
    { provide: CUSTOMER_DIRECTORY, useExisting: IdentityCustomers },
    {
      provide: INVOICE_SETTINGS,
      inject: [OrdersConfig],
      useFactory: (config: OrdersConfig): InvoiceSettings => ({
        sellerName: config.get('INVOICE_SELLER_NAME', { infer: true }),
        sellerAddress: config.get('INVOICE_SELLER_ADDRESS', { infer: true }),
      }),
    },
    // generators: new handlers and consumers go above this line
  ],
})
export class OrdersModule {}
