import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { InjectDataSource } from '@nestjs/typeorm';
import { AggregateTypeOrmRepositoryBase, EventOutbox, type KeelTransactionHost } from '@keel/persistence';
import { Money } from '@keel/kernel/domain';
import { DataSource } from 'typeorm';
import type { ChargeAttemptsCounter, WebhookInbox } from '../../application';
import { Payment, type PaymentProviderName, type PaymentRepository, type PaymentStatus } from '../../domain';
import { PaymentOrmEntity } from './payment.orm-entity';

const toDomain = (row: PaymentOrmEntity): Payment =>
  Payment.restore(row.id, {
    orderId: row.orderId,
    userId: row.userId,
    provider: row.provider as PaymentProviderName,
    method: row.method,
    amount: Money.of(Number(row.amount), row.currency.trim(), 'amount'),
    status: row.status as PaymentStatus,
    providerReference: row.providerReference,
    failureReason: row.failureReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

const toRow = (p: Payment): PaymentOrmEntity => ({
  id: p.id,
  orderId: p.orderId,
  userId: p.userId,
  provider: p.provider,
  method: p.method,
  amount: p.amount.amount,
  currency: p.amount.currency,
  status: p.status,
  providerReference: p.providerReference,
  failureReason: p.failureReason,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
});

@Injectable()
export class PaymentTypeOrmRepository extends AggregateTypeOrmRepositoryBase<PaymentOrmEntity> implements PaymentRepository {
  constructor(txHost: TransactionHost, outbox: EventOutbox) {
    super(txHost as KeelTransactionHost, PaymentOrmEntity, outbox);
  }

  async findByOrderId(orderId: string): Promise<Payment | null> {
    const row = await this.repository.findOneBy({ orderId });
    return row ? toDomain(row) : null;
  }

  async findByReference(provider: PaymentProviderName, providerReference: string): Promise<Payment | null> {
    const row = await this.repository.findOneBy({ provider, providerReference });
    return row ? toDomain(row) : null;
  }

  async listByOrderId(orderId: string): Promise<Payment[]> {
    return (await this.repository.find({ where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } })).map(toDomain);
  }

  async findByIdForUpdate(id: string): Promise<Payment | null> {
    const row = await this.repository.createQueryBuilder('p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
    return row ? toDomain(row) : null;
  }

  async listPendingWithReference(before: Date, limit: number): Promise<Payment[]> {
    const rows = await this.repository
      .createQueryBuilder('p')
      .where(`p.status = 'PENDING'`)
      .andWhere('p.provider_reference IS NOT NULL')
      .andWhere('p.updated_at < :before', { before })
      .orderBy('p.updated_at', 'ASC')
      .limit(limit)
      .getMany();
    return rows.map(toDomain);
  }

  async lockOrder(orderId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 7))`, [`payments:${orderId}`]);
  }

  async markOrderCancelled(orderId: string): Promise<void> {
    await this.txHost.tx.query(`INSERT INTO payments.cancelled_orders (order_id) VALUES ($1) ON CONFLICT DO NOTHING`, [orderId]);
  }

  async isOrderCancelled(orderId: string): Promise<boolean> {
    const rows: unknown[] = await this.txHost.tx.query(`SELECT 1 FROM payments.cancelled_orders WHERE order_id = $1`, [orderId]);
    return rows.length > 0;
  }

  async insert(payment: Payment): Promise<void> {
    await this.saveAggregate(payment, () => this.repository.insert(toRow(payment)));
  }

  async update(payment: Payment): Promise<void> {
    const { id, ...changes } = toRow(payment);
    await this.saveAggregate(payment, () => this.repository.update({ id }, changes));
  }
}

@Injectable()
export class TypeOrmWebhookInbox implements WebhookInbox {
  constructor(private readonly txHost: TransactionHost) {}

  async claim(provider: PaymentProviderName, eventId: string, type: string): Promise<boolean> {
    const rows: unknown[] = await (this.txHost as KeelTransactionHost).tx.query(
      `INSERT INTO payments.webhook_events (provider, event_id, type) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id`,
      [provider, eventId, type],
    );
    return rows.length === 1;
  }
}

/** Outside any transaction on purpose: the count survives a failed attempt's rollback. */
@Injectable()
export class TypeOrmChargeAttemptsCounter implements ChargeAttemptsCounter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async increment(orderId: string): Promise<number> {
    const [row]: Array<{ attempts: number }> = await this.dataSource.query(
      `INSERT INTO payments.charge_attempts (order_id, attempts) VALUES ($1, 1)
       ON CONFLICT (order_id) DO UPDATE SET attempts = payments.charge_attempts.attempts + 1, last_attempt_at = now()
       RETURNING attempts`,
      [orderId],
    );
    return row.attempts;
  }
}
