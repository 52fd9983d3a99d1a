import type { Invoice } from './invoice.entity';

export const INVOICE_REPOSITORY = Symbol('InvoiceRepository');

export interface InvoiceRepository {
  findByOrderId(orderId: string): Promise<Invoice | null>;
  findByIdForUpdate(id: string): Promise<Invoice | null>;
  /**
   * The next number of the year, taken in the ambient transaction: it is
   * locked until that transaction ends and returned to the pool if it rolls
   * back, so the numbers of committed invoices have no gaps.
   */
  nextSequence(year: number): Promise<number>;
  insert(invoice: Invoice): Promise<void>;
  update(invoice: Invoice): Promise<void>;
}
