import { Command } from '@nestjs/cqrs';

/** Settles payments left PENDING (their webhook lost) by asking the provider. Resolves to how many were settled. */
export class ReconcilePendingPaymentsCommand extends Command<number> {
  constructor(
    /** Only payments untouched for at least this long: a webhook may still be on its way for younger ones. */
    readonly olderThanMs: number,
    readonly limit = 50,
  ) {
    super();
  }
}
