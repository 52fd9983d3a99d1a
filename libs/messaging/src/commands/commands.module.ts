import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { CommandPipeline } from './command-pipeline';
import { IdempotencyStore } from './idempotency/idempotency.store';

/** The command pipeline (one transaction per command, Idempotency-Key inside it). Part of PlatformModule. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [IdempotencyStore, CommandPipeline],
  exports: [IdempotencyStore],
})
export class CommandsModule {}
