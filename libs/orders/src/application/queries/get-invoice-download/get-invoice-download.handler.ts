import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OBJECT_STORAGE, type ObjectStorage } from '@keel/storage';
import {
  INVOICE_REPOSITORY,
  InvoiceNotReadyError,
  type InvoiceRepository,
  ORDER_REPOSITORY,
  OrderNotFoundError,
  type OrderRepository,
} from '../../../domain';
import { canSee } from '../../views/order-viewer';
import { GetInvoiceDownloadQuery } from './get-invoice-download.query';

/** The download link is valid this long (issue 14: at most 5 minutes). */
export const INVOICE_LINK_TTL_SECONDS = 300;

@QueryHandler(GetInvoiceDownloadQuery)
export class GetInvoiceDownloadHandler implements IQueryHandler<GetInvoiceDownloadQuery> {
  constructor(
    @Inject(ORDER_REPOSITORY) private readonly orders: OrderRepository,
    @Inject(INVOICE_REPOSITORY) private readonly invoices: InvoiceRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
  ) {}

  async execute(query: GetInvoiceDownloadQuery): Promise<{ url: string; expiresAt: Date }> {
    const order = await this.orders.findById(query.orderId);
    // Someone else's order is indistinguishable from a missing one.
    if (!order || !canSee(query.viewer, order)) throw new OrderNotFoundError();
    const invoice = await this.invoices.findByOrderId(order.id);
    if (!invoice || invoice.status !== 'READY' || !invoice.objectKey) throw new InvoiceNotReadyError();
    // Signed locally: no call to the store (the browser's GET is the one that reaches it).
    const link = await this.storage.presignDownload(invoice.objectKey, {
      expiresInSeconds: INVOICE_LINK_TTL_SECONDS,
      contentDisposition: `attachment; filename="${invoice.fileName}"`,
      contentType: 'application/pdf',
    });
    return { url: link.url, expiresAt: link.expiresAt };
  }
}
