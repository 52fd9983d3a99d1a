import { TransactionalAdapterTypeOrm, type TypeOrmTransactionalAdapterOptions } from '@nestjs-cls/transactional-adapter-typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { currentReplica } from './read-target.context';

/**
 * nestjs-cls's TypeORM adapter, made aware of read routing: inside a replica
 * read scope (read-target.context.ts) the ambient EntityManager, and any
 * transaction a read opens (a REPEATABLE READ snapshot over several
 * statements), belong to that replica; everywhere else to the primary. So
 * repositories (`txHost.tx`) and query handlers need no replica code at all.
 */
export class ReadRoutingTypeOrmAdapter extends TransactionalAdapterTypeOrm {
  constructor(options: TypeOrmTransactionalAdapterOptions) {
    super(options);
    const primaryOptions = this.optionsFactory;
    this.optionsFactory = (primary: DataSource) => {
      const base = primaryOptions(primary);
      return {
        ...base,
        wrapWithTransaction: (options, fn, setClient) => {
          const replica = currentReplica();
          if (!replica) return base.wrapWithTransaction(options, fn, setClient);
          const run = (manager: EntityManager) => {
            setClient(manager);
            return fn();
          };
          return options?.isolationLevel ? replica.transaction(options.isolationLevel, run) : replica.transaction(run);
        },
        getFallbackInstance: () => currentReplica()?.manager ?? primary.manager,
      };
    };
  }
}
