import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { CommandBus, type ICommand } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { ClsService } from 'nestjs-cls';
import { COMMAND_TRANSACTION, type CommandTransaction } from './command-handler.decorators';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './idempotency/idempotency.errors';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { type IdempotentRequest, takeIdempotentRequest } from './idempotency/idempotent-request';

/** The command bus's handler lookup key (set by @CommandHandler on the handler class). */
const COMMAND_HANDLER_METADATA = '__commandHandler__';
const PIPELINED = Symbol.for('keel.cqrs.commandPipeline');

/** How long a duplicate waits for the first request with its key before answering 409 (per request: IdempotentRequest). */
export const DEFAULT_IDEMPOTENCY_LOCK_TIMEOUT_MS = 1000;

type Bus = { execute: (command: ICommand, ...rest: unknown[]) => Promise<unknown> } & Record<symbol, boolean>;

/**
 * The one path every command takes (like eShop's TransactionBehavior): the
 * command bus is decorated so that, for a handler declared with
 * @TransactionalCommandHandler, the pipeline opens the transaction (nestjs-cls,
 * Propagation.Required: a command sent by another command joins its
 * transaction) and runs the handler inside it. For a request that carries an
 * Idempotency-Key (offered by the HTTP edge, see IdempotentRequest), the key is
 * claimed as the transaction's first statement and the response stored as its
 * last, so the claim commits with the command's effects or vanishes with them:
 * a process killed mid-command leaves nothing behind once PostgreSQL aborts its
 * transaction. Generic: no handler knows about idempotency.
 */
@Injectable()
export class CommandPipeline implements OnModuleInit {
  private readonly transactions = new Map<object, CommandTransaction>();

  constructor(
    commands: CommandBus,
    private readonly txHost: TransactionHost,
    private readonly cls: ClsService,
    private readonly store: IdempotencyStore,
    private readonly discovery: DiscoveryService,
  ) {
    // Installed at construction, before any lifecycle hook, so it is the innermost wrapper: the
    // tracing span and the primary pinning of read routing (both added in onModuleInit) surround
    // the transaction, and the transaction surrounds only the handler.
    const bus = commands as unknown as Bus;
    if (bus[PIPELINED]) return;
    bus[PIPELINED] = true;
    const execute = bus.execute.bind(bus);
    bus.execute = (command: ICommand, ...rest: unknown[]) => this.run(command, () => execute(command, ...rest));
  }

  /** Learns each command's boundary, and refuses to start if a handler does not declare one. */
  onModuleInit(): void {
    const undeclared: string[] = [];
    for (const wrapper of this.discovery.getProviders()) {
      const handler = wrapper.metatype as (new (...args: never[]) => unknown) | undefined;
      const command = handler && (Reflect.getMetadata(COMMAND_HANDLER_METADATA, handler) as object | undefined);
      if (!handler || !command) continue;
      const transaction = Reflect.getMetadata(COMMAND_TRANSACTION, handler) as CommandTransaction | undefined;
      if (transaction) this.transactions.set(command, transaction);
      else undeclared.push(handler.name);
    }
    if (undeclared.length > 0) {
      throw new Error(
        `Command handlers must declare their transaction boundary with @TransactionalCommandHandler (or ` +
          `@ManualTransactionCommandHandler) from @keel/messaging instead of @CommandHandler: ${undeclared.join(', ')}`,
      );
    }
  }

  private async run(command: ICommand, handle: () => Promise<unknown>): Promise<unknown> {
    const idempotent = takeIdempotentRequest(this.cls);
    const transaction = this.transactions.get(command.constructor);
    if (transaction !== 'pipeline') {
      if (idempotent) {
        // A programming error, not the client's: an Idempotency-Key needs the command's one transaction.
        throw new Error(`${command.constructor.name} is not handled in a pipeline transaction, so it cannot be idempotent.`);
      }
      return handle();
    }
    return this.txHost.withTransaction(() => (idempotent ? this.runIdempotent(idempotent, handle) : handle()));
  }

  private async runIdempotent(request: IdempotentRequest, handle: () => Promise<unknown>): Promise<unknown> {
    const outcome = await this.store.claim(request, request.lockTimeoutMs ?? DEFAULT_IDEMPOTENCY_LOCK_TIMEOUT_MS);
    if (outcome.kind === 'mismatch') throw new IdempotencyKeyReusedError();
    if (outcome.kind === 'in_flight') throw new IdempotencyKeyInFlightError();
    if (outcome.kind === 'replay') {
      request.replayed = true;
      return outcome.response.body;
    }
    const result = await handle();
    await this.store.complete(request, result);
    return result;
  }
}
