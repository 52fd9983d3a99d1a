import { Module } from '@nestjs/common';
import { PlatformModule } from '@keel/runtime';
import { NoopConsumer } from './noop.consumer';

/** The worker's platform (relay, queues, consumer workers, inbox) with one no-op consumer and no contexts. */
@Module({
  imports: [PlatformModule.forRoot({ service: { name: 'keel-bench-worker', version: 'bench' }, worker: true })],
  providers: [NoopConsumer],
})
export class BenchWorkerModule {}
