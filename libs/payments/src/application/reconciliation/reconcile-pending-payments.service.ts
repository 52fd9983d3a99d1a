import { Inject, Injectable, Logger } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { type KeelTransactionHost } from '@keel/persistence';
import { PAYMENT_REPOSITORY, type PaymentRepository } from '../../domain';
import { countPayment } from '../payment-metrics';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry } from '../ports/payment-provider.port';

/**
 * Missing webhooks are reconciled: payments still PENDING with a provider
 * reference after `olderThanMs` are looked up at the provider and settled
 * (once, like a webhook would). Run periodically by the worker.
 */
@Injectable()
export class ReconcilePendingPaymentsService {
  private readonly logger = new Logger(ReconcilePendingPaymentsService.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
    private readonly txHost: TransactionHost,
  ) {}

  /** Returns how many payments were settled. */
  async run(olderThanMs: number, limit = 50): Promise<number> {
    const host = this.txHost as KeelTransactionHost;
    const stuck = await host.withTransaction(() => this.payments.listPendingWithReference(new Date(Date.now() - olderThanMs), limit));
    let settled = 0;
    for (const { id } of stuck) {
      try {
        if (await host.withTransaction(() => this.reconcileOne(id))) settled++;
      } catch (error) {
        this.logger.warn({ paymentId: id, err: error }, 'Could not reconcile a pending payment; will try again');
      }
    }
    if (settled > 0) this.logger.log({ settled, looked: stuck.length }, 'Reconciled pending payments');
    return settled;
  }

  private async reconcileOne(paymentId: string): Promise<boolean> {
    const payment = await this.payments.findByIdForUpdate(paymentId);
    if (!payment || payment.isSettled || !payment.providerReference) return false;
    const provider = this.providers.get(payment.provider);
    if (!provider) return false;
    const outcome = await provider.getCharge(payment.providerReference);
    if (outcome.status === 'pending') return false;
    if (outcome.status === 'succeeded') payment.succeed(outcome.providerReference, new Date());
    else payment.fail(outcome.reason, outcome.providerReference, new Date());
    await this.payments.update(payment);
    countPayment(payment);
    return true;
  }
}
