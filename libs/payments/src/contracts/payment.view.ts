/** A payment as the API shows it (contract: Payment). */
export interface PaymentView {
  id: string;
  provider: string;
  status: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';
  amount: { amount: number; currency: string };
  providerReference: string | null;
  failureReason: string | null;
  createdAt: string;
}
