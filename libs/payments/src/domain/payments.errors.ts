import { ConflictError } from '@keel/kernel/domain';
import type { PaymentStatus } from './payment-status';

export class InvalidPaymentTransitionError extends ConflictError {
  override readonly code: string = 'invalid-payment-transition';
  constructor(from: PaymentStatus, to: PaymentStatus) {
    super(`A ${from} payment cannot become ${to}.`);
  }
}
