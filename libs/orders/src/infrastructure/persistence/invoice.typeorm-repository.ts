import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { InvariantViolationError, Money } from '@keel/kernel/domain';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Invoice, type InvoiceRepository, type InvoiceStatus } from '../../domain';
import { InvoiceOrmEntity } from './invoice.orm-entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toDomain = (row: InvoiceOrmEntity): Invoice =>
  Invoice.restore(row.id, {
    orderId: row.orderId,
    userId: row.userId,
    year: row.year,
    sequence: row.sequence,
    total: Money.of(row.totalAmount, row.totalCurrency),
    status: row.status as InvoiceStatus,
    objectKey: row.objectKey,
    issuedAt: row.issuedAt,
    renderedAt: row.renderedAt,
  });

const toPersistence = (invoice: Invoice): InvoiceOrmEntity => ({
  id: invoice.id,
  orderId: invoice.orderId,
  userId: invoice.userId,
  year: invoice.year,
  sequence: invoice.sequence,
  totalAmount: invoice.total.amount,
  totalCurrency: invoice.total.currency,
  status: invoice.status,
  objectKey: invoice.objectKey,
  issuedAt: invoice.issuedAt,
  renderedAt: invoice.renderedAt,
});

@Injectable()
export class InvoiceTypeOrmRepository extends AggregateTypeOrmRepositoryBase<InvoiceOrmEntity> implements InvoiceRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, InvoiceOrmEntity, outbox);
  }

  async findByOrderId(orderId: string): Promise<Invoice | null> {
    if (!UUID.test(orderId)) return null;
    const row = await this.repository.findOneBy({ orderId });
    return row ? toDomain(row) : null;
  }

  async findByIdForUpdate(id: string): Promise<Invoice | null> {
    if (!UUID.test(id)) return null;
    const row = await this.repository.createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id }).getOne();
    return row ? toDomain(row) : null;
  }

  async nextSequence(year: number): Promise<number> {
    // The row lock serialises issuers of the same year until their transactions end.
    const rows: Array<{ last_number: number }> = await this.repository.query(
      `INSERT INTO orders.invoice_sequences (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = orders.invoice_sequences.last_number + 1
       RETURNING last_number`,
      [year],
    );
    return rows[0].last_number;
  }

  async insert(invoice: Invoice): Promise<void> {
    await this.saveAggregate(invoice, () => this.repository.insert(toPersistence(invoice)));
  }

  async update(invoice: Invoice): Promise<void> {
    const { id, ...changes } = toPersistence(invoice);
    await this.saveAggregate(invoice, async () => {
      const result = await this.repository.update({ id }, changes);
      if (result.affected !== 1) throw new InvariantViolationError(`Invoice ${id} is gone`);
    });
  }
}
