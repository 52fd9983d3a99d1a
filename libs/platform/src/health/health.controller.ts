import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { ServiceUnavailableError } from '../domain';
import { LifecycleState } from './lifecycle-state';
import { ReadinessRegistry } from './readiness.registry';

@ApiTags('operations')
@Public()
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly lifecycle: LifecycleState,
    private readonly registry: ReadinessRegistry,
  ) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: 200 while the process is alive' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: 200 when the instance can serve; 503 from the moment shutdown starts' })
  @ApiServiceUnavailableResponse({ description: 'A dependency is down or the instance is shutting down' })
  async ready() {
    if (this.lifecycle.isShuttingDown) {
      throw new ServiceUnavailableError('The instance is shutting down.', { checks: { lifecycle: 'shutting_down' } });
    }
    try {
      return await this.health.check(this.registry.all());
    } catch (error) {
      // Say which dependency is down (status only: no hosts, no messages with secrets).
      const details = (error as { response?: { details?: Record<string, { status?: string }> } }).response?.details ?? {};
      const checks = Object.fromEntries(Object.entries(details).map(([name, d]) => [name, d.status ?? 'down']));
      throw new ServiceUnavailableError('A dependency is unavailable.', { checks });
    }
  }
}
