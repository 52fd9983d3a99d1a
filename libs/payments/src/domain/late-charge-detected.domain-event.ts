import { DomainEvent } from '@keel/kernel/domain';

/** The provider reports a successful charge for a payment we had already given up as FAILED: the money goes back. */
export const LATE_CHARGE_DETECTED = 'payments.late-charge-detected';

export interface LateChargeDetectedPayload {
  orderId: string;
  paymentId: string;
  providerReference: string;
}

export class LateChargeDetectedEvent extends DomainEvent<LateChargeDetectedPayload> {
  readonly eventName = LATE_CHARGE_DETECTED;
}
