import { Inject, Logger } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import { type Payment, PAYMENT_REPOSITORY, type PaymentRepository } from '../../../domain';
import { countPayment } from '../../payments.metrics';
import { PAYMENT_PROVIDER_REGISTRY, type PaymentProviderRegistry } from '../../ports/payment-provider.port';
import { ReconcilePendingPaymentsCommand } from './reconcile-pending-payments.command';

/**
 * Missing webhooks are reconciled: payments still PENDING with a provider
 * reference after `olderThanMs` are looked up at the provider and settled
 * (once, like a webhook would). Sent periodically by the worker's
 * ReconciliationScheduler.
 *
 * ManualTransactionCommandHandler: not one unit on purpose. Each payment is
 * settled in its own short transaction (its row locked against a concurrent
 * webhook), so one payment the provider cannot answer for does not undo the
 * others, and no transaction stays open across the whole batch of provider calls.
 */
@ManualTransactionCommandHandler(ReconcilePendingPaymentsCommand)
export class ReconcilePendingPaymentsHandler implements ICommandHandler<ReconcilePendingPaymentsCommand> {
  private readonly logger = new Logger(ReconcilePendingPaymentsHandler.name);

  constructor(
    @Inject(PAYMENT_REPOSITORY) private readonly payments: PaymentRepository,
    @Inject(PAYMENT_PROVIDER_REGISTRY) private readonly providers: PaymentProviderRegistry,
  ) {}

  /** Returns how many payments were settled. */
  async execute(command: ReconcilePendingPaymentsCommand): Promise<number> {
    const stuck = await this.listStuck(new Date(Date.now() - command.olderThanMs), command.limit);
    let settled = 0;
    for (const { id } of stuck) {
      try {
        if (await this.reconcileOne(id)) settled++;
      } catch (error) {
        this.logger.warn({ paymentId: id, err: error }, 'Could not reconcile a pending payment; will try again');
      }
    }
    if (settled > 0) this.logger.log({ settled, looked: stuck.length }, 'Reconciled pending payments');
    return settled;
  }

  @Transactional()
  private listStuck(before: Date, limit: number): Promise<Payment[]> {
    return this.payments.listPendingWithReference(before, limit);
  }

  @Transactional()
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
