import { Body, Controller, Get, Logger, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuthenticatedUser, CurrentUser, Roles, ApiProblems, ApiAdminAuth } from '@keel/http';
import { FEATURE_FLAG_KEY_MAX_LENGTH, FEATURE_FLAG_KEY_PATTERN, type FeatureFlagRecord } from '../feature-flag';
import { FeatureFlagStore } from '../feature-flag.store';
import { FeatureFlagsRuntime } from '../feature-flags.runtime';
import { FeatureFlagKeyParamsDto } from './dto/feature-flag-key.params.dto';
import { FeatureFlagListResponseDto, FeatureFlagResponseDto } from './dto/feature-flag.response.dto';
import { UpdateFeatureFlagRequestDto } from './dto/update-feature-flag.request.dto';

const toResponse = (flag: FeatureFlagRecord): FeatureFlagResponseDto => ({
  key: flag.key,
  value: flag.value,
  description: flag.description,
  updatedAt: flag.updatedAt.toISOString(),
  updatedBy: flag.updatedBy,
});

@ApiTags('admin')
@ApiAdminAuth()
@Controller('admin/feature-flags')
export class FeatureFlagsAdminHttpController {
  // Its own logger name, so audit lines can be routed and kept apart from operational logs.
  private readonly audit = new Logger('FeatureFlagsAudit');

  constructor(
    private readonly store: FeatureFlagStore,
    private readonly runtime: FeatureFlagsRuntime,
  ) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    operationId: 'listFeatureFlags',
    summary: 'Runtime feature flags (admin)',
    description: 'Every flag with its current value, as stored (the source of truth).',
  })
  @ApiOkResponse({ type: FeatureFlagListResponseDto })
  @ApiProblems(401, [403, 'The token is not an admin’s'])
  async list(): Promise<FeatureFlagListResponseDto> {
    return { items: (await this.store.list()).map(toResponse) };
  }

  @Put(':key')
  @Roles('admin')
  @ApiOperation({
    operationId: 'updateFeatureFlag',
    summary: 'Change a feature flag (admin)',
    description:
      'Sets the value of an existing flag. Every API and worker instance applies it within moments (PostgreSQL NOTIFY; ' +
      'a periodic refresh as a safety net); this instance before it answers. What a flag switches is in its `description` ' +
      '(GET /admin/feature-flags), written by the context that reads it.',
  })
  @ApiParam({
    name: 'key',
    schema: {
      type: 'string',
      pattern: FEATURE_FLAG_KEY_PATTERN.source,
      maxLength: FEATURE_FLAG_KEY_MAX_LENGTH,
      example: 'checkout.express.enabled',
    },
  })
  @ApiOkResponse({ type: FeatureFlagResponseDto })
  @ApiProblems(
    [400, 'Malformed key, or a value missing or not of the flag’s type (see `errors`)'],
    401,
    [403, 'The token is not an admin’s'],
    [404, 'No flag with this key'],
  )
  async update(
    @CurrentUser() user: AuthenticatedUser,
    @Param() params: FeatureFlagKeyParamsDto,
    @Body() body: UpdateFeatureFlagRequestDto,
  ): Promise<FeatureFlagResponseDto> {
    const { before, after } = await this.store.update(params.key, body.value, user.id);
    this.audit.log(
      { audit: 'feature-flag.changed', flag: after.key, from: before.value, to: after.value, by: user.id, byEmail: user.email },
      `Feature flag ${after.key} set to ${JSON.stringify(after.value)} by ${user.email}`,
    );
    // Read-your-writes on this instance; other instances follow on NOTIFY.
    await this.runtime.refresh().catch(() => undefined);
    return toResponse(after);
  }
}
