import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityTarget, ObjectLiteral, QueryFailedError, Repository } from 'typeorm';
import { type AggregateRoot, DomainError } from '@keel/kernel';
import { EventOutbox } from './event-outbox.port';

export type KeelTransactionHost = TransactionHost<TransactionalAdapterTypeOrm>;

const UNIQUE_VIOLATION = '23505';

/**
 * Base for every TypeORM repository: always works on the ambient transaction
 * (nestjs-cls propagates it, nobody passes an EntityManager around), and turns
 * unique violations into the domain's ConflictError of the caller's choosing.
 */
export abstract class TypeOrmRepositoryBase<TOrm extends ObjectLiteral> {
  protected constructor(
    protected readonly txHost: KeelTransactionHost,
    private readonly target: EntityTarget<TOrm>,
  ) {}

  protected get repository(): Repository<TOrm> {
    return this.txHost.tx.getRepository(this.target);
  }

  /** Runs a write and maps a violated unique constraint (by name) to a domain error. */
  protected async mapUniqueViolations<T>(write: () => Promise<T>, byConstraint: Record<string, () => DomainError>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      const constraint = uniqueViolationConstraint(error);
      const toError = constraint ? byConstraint[constraint] : undefined;
      if (toError) throw toError();
      throw error;
    }
  }
}

/**
 * Base for the repository of an aggregate: every write of an aggregate goes
 * through `saveAggregate`, which pulls the events the aggregate raised and
 * records them in the outbox in the same transaction as the write. Events
 * therefore cannot be lost by a handler forgetting to publish them: saving is
 * publishing (the shape of domain-driven-hexagon's `sql-repository.base.ts`,
 * with a transactional outbox instead of an in-process emitter).
 */
export abstract class AggregateTypeOrmRepositoryBase<TOrm extends ObjectLiteral> extends TypeOrmRepositoryBase<TOrm> {
  protected constructor(
    txHost: KeelTransactionHost,
    target: EntityTarget<TOrm>,
    private readonly outbox: EventOutbox,
  ) {
    super(txHost, target);
  }

  /**
   * Runs the aggregate's write, then records the events it raised (one outbox
   * statement for all of them). A write that throws publishes nothing and leaves
   * the events on the aggregate; `saved` says when a write that did not throw
   * still did not store this aggregate (e.g. an insert that lost to an existing row),
   * whose events then did not happen and are dropped. Events need a transaction
   * (the publisher refuses to autocommit them apart from the write); a write
   * with no events may run outside one.
   */
  protected async saveAggregate<T>(
    aggregate: AggregateRoot<unknown>,
    write: () => Promise<T>,
    saved: (result: T) => boolean = () => true,
  ): Promise<T> {
    const result = await write();
    const events = aggregate.pullEvents();
    if (saved(result)) await this.outbox.publish(...events);
    return result;
  }
}

export function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === UNIQUE_VIOLATION ? driverError.constraint : undefined;
}
