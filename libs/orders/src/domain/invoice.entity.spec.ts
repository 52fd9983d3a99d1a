import { Money } from '@keel/kernel/domain';
import { Invoice } from './invoice.entity';

const issue = (sequence: number) =>
  Invoice.issue({
    id: 'inv-1',
    orderId: 'order-1',
    userId: 'user-1',
    year: 2026,
    sequence,
    total: Money.of(5000, 'USD'),
    now: new Date('2026-03-01T10:00:00Z'),
  });

describe('Invoice', () => {
  it('When issued, then its number is the year and the zero-padded sequence, and InvoiceIssued is raised', () => {
    const invoice = issue(42);
    expect(invoice.number).toBe('2026-000042');
    expect(invoice.fileName).toBe('invoice-2026-000042.pdf');
    expect(invoice.status).toBe('ISSUED');
    expect(invoice.pullEvents().map((e) => [e.eventName, e.payload])).toEqual([
      ['orders.invoice-issued', { invoiceId: 'inv-1', orderId: 'order-1', number: '2026-000042' }],
    ]);
  });

  it('When rendered, then it is READY with its document; rendering again keeps the first key', () => {
    const invoice = issue(1);
    invoice.markRendered('invoices/2026/invoice-2026-000001.pdf', new Date());
    invoice.markRendered('other', new Date());
    expect(invoice.status).toBe('READY');
    expect(invoice.objectKey).toBe('invoices/2026/invoice-2026-000001.pdf');
  });

  it('When the sequence is below 1, then it is refused', () => {
    expect(() => issue(0)).toThrow();
  });
});
