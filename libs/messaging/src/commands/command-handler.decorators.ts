import type { Type } from '@nestjs/common';
import { CommandHandler, type ICommand } from '@nestjs/cqrs';

export const COMMAND_TRANSACTION = 'keel:commandTransaction';

/**
 * Who opens the transaction of a command:
 * - `pipeline`: the command pipeline, around the whole `execute` (one unit of
 *   work; an Idempotency-Key joins it);
 * - `handler`: the handler itself, with `@Transactional()` on the parts that
 *   write, because its work is not one unit (see ManualTransactionCommandHandler).
 */
export type CommandTransaction = 'pipeline' | 'handler';

/*
 * Why a decorator that replaces @CommandHandler rather than a marker next to
 * it or a base class: the boundary is then read on the line that names the
 * command, it cannot be half-applied (a forgotten marker), and a base class
 * would spend the handler's one `extends` on infrastructure. The pipeline
 * refuses to start when a command handler is declared with the bare
 * @CommandHandler, so every handler states its boundary.
 */

/**
 * A command handler whose `execute` runs in one transaction opened by the
 * command pipeline (CommandPipeline): everything it writes, its outbox events
 * and, for an idempotent request, the Idempotency-Key record commit together
 * or not at all. Do not add `@Transactional()` to it.
 */
export function TransactionalCommandHandler(command: Type<ICommand>): ClassDecorator {
  return (target) => {
    CommandHandler(command)(target);
    Reflect.defineMetadata(COMMAND_TRANSACTION, 'pipeline' satisfies CommandTransaction, target);
  };
}

/**
 * A command handler that opens its own transactions (`@Transactional()` on
 * private methods), because its work is deliberately not one unit: slow work
 * kept outside any transaction (password hashing holds no connection), a write
 * that must survive the command's failure (a login failure counted), work
 * after commit (cache invalidation), or a retry in a fresh transaction. The
 * pipeline opens none for it, and refuses an Idempotency-Key for it.
 */
export function ManualTransactionCommandHandler(command: Type<ICommand>): ClassDecorator {
  return (target) => {
    CommandHandler(command)(target);
    Reflect.defineMetadata(COMMAND_TRANSACTION, 'handler' satisfies CommandTransaction, target);
  };
}
