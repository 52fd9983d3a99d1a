import { AggregateRoot, invariant, type Money } from '@keel/kernel/domain';
import { InvoiceIssuedEvent } from './invoice-issued.domain-event';

export type InvoiceStatus = 'ISSUED' | 'READY';

export interface InvoiceProps {
  orderId: string;
  userId: string;
  /** Numbers restart every calendar year (UTC) and have no gaps within one. */
  year: number;
  sequence: number;
  total: Money;
  status: InvoiceStatus;
  /** Where the rendered PDF is stored; set once READY. */
  objectKey: string | null;
  issuedAt: Date;
  renderedAt: Date | null;
}

/**
 * The invoice of a paid order. Its number is taken when it is issued (in the
 * transaction that records the payment's consequence), so a number is never
 * skipped nor reused; the PDF is rendered afterwards by a job and the invoice
 * becomes READY once stored.
 */
export class Invoice extends AggregateRoot {
  private constructor(
    id: string,
    private props: InvoiceProps,
  ) {
    super(id);
    invariant(props.sequence >= 1, 'Invoice numbers start at 1');
    invariant(props.status !== 'READY' || props.objectKey !== null, 'A READY invoice has its document');
  }

  static issue(input: { id: string; orderId: string; userId: string; year: number; sequence: number; total: Money; now: Date }): Invoice {
    const invoice = new Invoice(input.id, {
      orderId: input.orderId,
      userId: input.userId,
      year: input.year,
      sequence: input.sequence,
      total: input.total,
      status: 'ISSUED',
      objectKey: null,
      issuedAt: input.now,
      renderedAt: null,
    });
    invoice.raise(new InvoiceIssuedEvent(invoice.id, { invoiceId: invoice.id, orderId: input.orderId, number: invoice.number }));
    return invoice;
  }

  static restore(id: string, props: InvoiceProps): Invoice {
    return new Invoice(id, { ...props });
  }

  /** `2026-000042`: the year, then the sequence within it. */
  get number(): string {
    return `${this.props.year}-${String(this.props.sequence).padStart(6, '0')}`;
  }
  get fileName(): string {
    return `invoice-${this.number}.pdf`;
  }
  get orderId(): string {
    return this.props.orderId;
  }
  get userId(): string {
    return this.props.userId;
  }
  get year(): number {
    return this.props.year;
  }
  get sequence(): number {
    return this.props.sequence;
  }
  get total(): Money {
    return this.props.total;
  }
  get status(): InvoiceStatus {
    return this.props.status;
  }
  get objectKey(): string | null {
    return this.props.objectKey;
  }
  get issuedAt(): Date {
    return this.props.issuedAt;
  }
  get renderedAt(): Date | null {
    return this.props.renderedAt;
  }

  /** The PDF is stored under `objectKey`. Idempotent for the same key. */
  markRendered(objectKey: string, now: Date): void {
    if (this.props.status === 'READY') return;
    this.props = { ...this.props, status: 'READY', objectKey, renderedAt: now };
  }
}
