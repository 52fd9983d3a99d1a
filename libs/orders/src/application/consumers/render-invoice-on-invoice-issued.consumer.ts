import { Inject } from '@nestjs/common';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { OBJECT_STORAGE, type ObjectStorage } from '@keel/storage';
import {
  INVOICE_ISSUED,
  INVOICE_REPOSITORY,
  type InvoiceIssuedPayload,
  type InvoiceRepository,
  ORDER_REPOSITORY,
  type OrderRepository,
} from '../../domain';
import { CUSTOMER_DIRECTORY, type CustomerDirectory } from '../ports/customer-directory.port';
import { INVOICE_RENDERER, type InvoiceRenderer } from '../ports/invoice-renderer.port';
import { INVOICE_SETTINGS, type InvoiceSettings } from '../ports/invoice-settings.port';

/**
 * Renders an issued invoice as a PDF and stores it (private, under a key named
 * by its number), then marks it READY. The key is deterministic, so a retry
 * after a storage outage overwrites the same object; the job retries with
 * backoff and is dead-lettered after the usual attempts.
 */
@EventConsumer({ name: 'orders.render-invoice', events: [INVOICE_ISSUED], timeoutMs: 60_000 })
export class RenderInvoiceOnInvoiceIssued implements IntegrationEventHandler<InvoiceIssuedPayload> {
  constructor(
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(CUSTOMER_DIRECTORY) private readonly customers: CustomerDirectory,
    @Inject(INVOICE_RENDERER) private readonly renderer: InvoiceRenderer,
    @Inject(INVOICE_SETTINGS) private readonly settings: InvoiceSettings,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async handle(event: EventEnvelope<InvoiceIssuedPayload>): Promise<void> {
    const invoice = await this.invoices.findByIdForUpdate(event.payload.invoiceId);
    if (!invoice || invoice.status === 'READY') return;
    const order = await this.orders.findById(invoice.orderId);
    if (!order) throw new Error(`Order ${invoice.orderId} of invoice ${invoice.number} is missing`);
    const customer = await this.customers.findCustomer(invoice.userId);
    const pdf = await this.renderer.render({
      number: invoice.number,
      issuedAt: invoice.issuedAt,
      orderId: order.id,
      seller: { name: this.settings.sellerName, address: this.settings.sellerAddress },
      buyer: customer ?? { name: `Customer ${invoice.userId}`, email: null },
      lines: order.items.map((item) => ({
        sku: item.sku,
        name: item.name,
        quantity: item.quantity,
        unitPrice: item.unitPrice.amount,
        lineTotal: item.lineTotal.amount,
      })),
      total: invoice.total.amount,
      currency: invoice.total.currency,
    });
    const key = `invoices/${invoice.year}/${invoice.fileName}`;
    await this.storage.put(key, pdf, { contentType: 'application/pdf', cacheControl: 'private, no-store' });
    invoice.markRendered(key, new Date());
    await this.invoices.update(invoice);
  }
}
