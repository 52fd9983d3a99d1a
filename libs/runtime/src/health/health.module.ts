import { Global, Module, OnModuleInit } from '@nestjs/common';
import { TerminusModule, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { LifecycleState, ReadinessRegistry } from '@keel/kernel';

@Global()
@Module({
  imports: [TerminusModule.forRoot({ logger: false, gracefulShutdownTimeoutMs: 0 })],
  controllers: [HealthController],
  providers: [LifecycleState, ReadinessRegistry],
  exports: [LifecycleState, ReadinessRegistry],
})
export class HealthModule implements OnModuleInit {
  constructor(
    private readonly registry: ReadinessRegistry,
    private readonly db: TypeOrmHealthIndicator,
  ) {}

  onModuleInit(): void {
    this.registry.register('database', () => this.db.pingCheck('database', { timeout: 1500 }));
  }
}
