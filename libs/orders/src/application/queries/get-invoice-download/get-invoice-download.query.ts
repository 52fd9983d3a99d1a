import { Query } from '@nestjs/cqrs';
import type { OrderViewer } from '../../views/order-viewer';

/** A short-lived link to the order's invoice PDF. */
export class GetInvoiceDownloadQuery extends Query<{ url: string; expiresAt: Date }> {
  constructor(
    readonly viewer: OrderViewer,
    readonly orderId: string,
  ) {
    super();
  }
}
