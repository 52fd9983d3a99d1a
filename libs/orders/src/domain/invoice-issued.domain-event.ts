import { DomainEvent } from '@keel/kernel/domain';

/** Wire name of the integration event (published through the outbox; re-exported by ../contracts). */
export const INVOICE_ISSUED = 'orders.invoice-issued';

export interface InvoiceIssuedPayload {
  invoiceId: string;
  orderId: string;
  /** `2026-000042`. */
  number: string;
}

export class InvoiceIssuedEvent extends DomainEvent<InvoiceIssuedPayload> {
  readonly eventName = INVOICE_ISSUED;
}
