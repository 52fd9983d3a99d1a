import { InMemoryAggregateStore } from '@keel/kernel/testing';
import { Payment, type PaymentProps, type PaymentProviderName, type PaymentRepository } from '../domain';

/** A copy, as a database read returns: changing a loaded payment without saving it changes nothing stored. */
const copy = (payment: Payment): Payment => Payment.restore(payment.id, { ...(payment as unknown as { props: PaymentProps }).props });

/** PaymentRepository in memory: saves publish the payment's events to `outbox`, like PaymentTypeOrmRepository. */
export class InMemoryPaymentRepository implements PaymentRepository {
  readonly store = new InMemoryAggregateStore<Payment>();
  readonly outbox = this.store.outbox;
  /** Orders whose payment work was serialised (lockOrder), in call order. */
  readonly lockedOrders: string[] = [];
  private readonly cancelledOrders = new Set<string>();

  /** Arranges stored payments without publishing their events (they are not what the test is about). */
  given(...payments: Payment[]): this {
    this.store.arrange(...payments);
    return this;
  }

  /** What is stored now (a copy). */
  stored(id: string): Payment | undefined {
    const payment = this.store.get(id);
    return payment && copy(payment);
  }

  async findByOrderId(orderId: string): Promise<Payment | null> {
    const payment = this.store.all().find((p) => p.orderId === orderId);
    return payment ? copy(payment) : null;
  }

  async findByReference(provider: PaymentProviderName, providerReference: string): Promise<Payment | null> {
    const payment = this.store.all().find((p) => p.provider === provider && p.providerReference === providerReference);
    return payment ? copy(payment) : null;
  }

  async listByOrderId(orderId: string): Promise<Payment[]> {
    return this.store
      .all()
      .filter((p) => p.orderId === orderId)
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id))
      .map(copy);
  }

  async findByIdForUpdate(id: string): Promise<Payment | null> {
    return this.stored(id) ?? null;
  }

  async listPendingWithReference(before: Date, limit: number): Promise<Payment[]> {
    return this.store
      .all()
      .filter((p) => p.status === 'PENDING' && p.providerReference !== null && p.updatedAt < before)
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime())
      .slice(0, limit)
      .map(copy);
  }

  async lockOrder(orderId: string): Promise<void> {
    this.lockedOrders.push(orderId);
  }

  async markOrderCancelled(orderId: string): Promise<void> {
    this.cancelledOrders.add(orderId);
  }

  async isOrderCancelled(orderId: string): Promise<boolean> {
    return this.cancelledOrders.has(orderId);
  }

  async insert(payment: Payment): Promise<void> {
    if (this.store.all().some((p) => p.orderId === payment.orderId)) throw new Error(`Order ${payment.orderId} has a payment`);
    await this.store.save(payment);
  }

  async update(payment: Payment): Promise<void> {
    if (!this.store.has(payment.id)) throw new Error(`Payment ${payment.id} was never inserted`);
    await this.store.save(payment);
  }
}
