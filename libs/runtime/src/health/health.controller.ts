import { Controller, Get, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemResponseSchema, Public } from '@keel/http';
import { HealthCheckService } from '@nestjs/terminus';
import { ServiceUnavailableError, LifecycleState, ReadinessRegistry } from '@keel/kernel';

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
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: 200 while the process is alive' })
  @ApiOkResponse({
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['ok'] } }, example: { status: 'ok' } },
  })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ operationId: 'getReadiness', summary: 'Readiness: 200 when the instance can serve; 503 from the moment shutdown starts' })
  @ApiOkResponse({
    description: 'Every dependency is up (one entry per dependency in `info` and `details`)',
    schema: {
      type: 'object',
      required: ['status'],
      properties: {
        status: { type: 'string', enum: ['ok'] },
        info: { type: 'object', maxProperties: 20 },
        error: { type: 'object', maxProperties: 20 },
        details: { type: 'object', maxProperties: 20 },
      },
      example: { status: 'ok', info: { database: { status: 'up' } }, error: {}, details: { database: { status: 'up' } } },
    },
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency is down or the instance is shutting down (`checks` names each dependency’s status)',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemResponseSchema) } } },
  })
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
