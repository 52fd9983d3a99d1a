import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { EntityTarget, ObjectLiteral, QueryFailedError, Repository } from 'typeorm';
import { DomainError } from '../domain';

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

export function uniqueViolationConstraint(error: unknown): string | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === UNIQUE_VIOLATION ? driverError.constraint : undefined;
}
