import { Module } from '@nestjs/common';
import { CommandBus, CommandHandler, CqrsModule, ICommandHandler } from '@nestjs/cqrs';
import { Test } from '@nestjs/testing';
import { ClsPluginTransactional, NoOpTransactionalAdapter, TransactionHost } from '@nestjs-cls/transactional';
import { ClsModule, ClsService } from 'nestjs-cls';
import { ManualTransactionCommandHandler, TransactionalCommandHandler } from './command-handler.decorators';
import { CommandsModule } from './commands.module';
import { type IdempotentRequest, offerIdempotentRequest } from './idempotency/idempotent-request';

// The pipeline's wiring, without a database: the no-op adapter marks a transaction as active
// without opening one, which is all these cases look at (the SQL is covered by the e2e specs).
class Save {}
class Inspect {}
class Bare {}

@TransactionalCommandHandler(Save)
class SaveHandler implements ICommandHandler<Save> {
  constructor(private readonly txHost: TransactionHost) {}
  async execute(): Promise<boolean> {
    return this.txHost.isTransactionActive();
  }
}

@ManualTransactionCommandHandler(Inspect)
class InspectHandler implements ICommandHandler<Inspect> {
  constructor(private readonly txHost: TransactionHost) {}
  async execute(): Promise<boolean> {
    return this.txHost.isTransactionActive();
  }
}

@CommandHandler(Bare)
class BareHandler implements ICommandHandler<Bare> {
  async execute(): Promise<void> {}
}

const TX = { marker: 'no-op connection' };

async function app(handlers: Array<new (...args: never[]) => unknown>) {
  @Module({ providers: handlers })
  class HandlersModule {}
  const moduleRef = await Test.createTestingModule({
    imports: [
      ClsModule.forRoot({
        global: true,
        plugins: [new ClsPluginTransactional({ adapter: new NoOpTransactionalAdapter({ tx: TX, disableWarning: true }) })],
      }),
      CqrsModule.forRoot(),
      CommandsModule,
      HandlersModule,
    ],
  }).compile();
  return moduleRef.init();
}

const idempotentRequest = (): IdempotentRequest => ({
  scope: 'test.save:user',
  key: 'k',
  requestHash: 'h',
  status: 201,
  ttlSeconds: 60,
  taken: false,
  replayed: false,
});

describe('CommandPipeline', () => {
  it('When a handler is declared with the bare @CommandHandler, then the app refuses to start and names it', async () => {
    await expect(app([SaveHandler, BareHandler])).rejects.toThrow(/@TransactionalCommandHandler.*: BareHandler$/);
  });

  it('When a @TransactionalCommandHandler runs, then it is inside a transaction the pipeline opened', async () => {
    const nest = await app([SaveHandler, InspectHandler]);
    try {
      await expect(nest.get(CommandBus).execute(new Save())).resolves.toBe(true);
    } finally {
      await nest.close();
    }
  });

  it('When a @ManualTransactionCommandHandler runs, then the pipeline opens no transaction for it', async () => {
    const nest = await app([SaveHandler, InspectHandler]);
    try {
      await expect(nest.get(CommandBus).execute(new Inspect())).resolves.toBe(false);
    } finally {
      await nest.close();
    }
  });

  it('When an idempotent request reaches a manual-transaction handler, then it fails instead of running unprotected', async () => {
    const nest = await app([SaveHandler, InspectHandler]);
    try {
      const cls = nest.get(ClsService);
      await cls.run(async () => {
        offerIdempotentRequest(cls, idempotentRequest());
        await expect(nest.get(CommandBus).execute(new Inspect())).rejects.toThrow(/cannot be idempotent/);
      });
    } finally {
      await nest.close();
    }
  });
});
