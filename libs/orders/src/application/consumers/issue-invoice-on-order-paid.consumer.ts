import { Inject, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import {
  Invoice,
  INVOICE_REPOSITORY,
  type InvoiceRepository,
  ORDER_PAID,
  ORDER_REPOSITORY,
  type OrderPaidPayload,
  type OrderRepository,
} from '../../domain';

/**
 * The order is paid: issue its invoice, numbered from the year's gap-free
 * sequence in this job's transaction (with the inbox row), so the number is
 * taken exactly once. Rendering the PDF is another job (RenderInvoiceOnInvoiceIssued):
 * a storage outage delays the document, never the number.
 */
@EventConsumer({ name: 'orders.issue-invoice', events: [ORDER_PAID] })
export class IssueInvoiceOnOrderPaid implements IntegrationEventHandler<OrderPaidPayload> {
  private readonly logger = new Logger(IssueInvoiceOnOrderPaid.name);

  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
  ) {}

  async handle(event: EventEnvelope<OrderPaidPayload>): Promise<void> {
    const { orderId } = event.payload;
    if (await this.invoices.findByOrderId(orderId)) return;
    const order = await this.orders.findById(orderId);
    if (!order) {
      this.logger.warn({ orderId }, 'Order paid but not found; no invoice issued');
      return;
    }
    const now = new Date();
    const year = now.getUTCFullYear();
    const sequence = await this.invoices.nextSequence(year);
    const invoice = Invoice.issue({ id: randomUUID(), orderId, userId: order.userId, year, sequence, total: order.total, now });
    await this.invoices.insert(invoice);
    this.logger.log({ orderId, invoice: invoice.number }, 'Invoice issued');
  }
}
