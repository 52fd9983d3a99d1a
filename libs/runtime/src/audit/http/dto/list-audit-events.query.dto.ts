import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { DATE_TIME_FORMAT, PageQueryDto, UUID_FORMAT } from '@keel/http';

/** The target type and action vocabulary: lower-case words joined by hyphens (`product`, `feature-flag`). */
export const AUDIT_TARGET_TYPE_PATTERN = /^[a-z][a-z-]{0,31}$/;

export class ListAuditEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ ...UUID_FORMAT, description: 'Only changes made by this user', example: '3f2b8c1e-9d4a-4b7e-8c21-5a6f0e9d1c2b' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({
    description: 'Only changes to this kind of thing: `product`, `user`, `feature-flag`',
    pattern: AUDIT_TARGET_TYPE_PATTERN.source,
    maxLength: 32,
    example: 'product',
  })
  @IsOptional()
  @IsString()
  @Matches(AUDIT_TARGET_TYPE_PATTERN, { message: 'is a lower-case word such as product, user or feature-flag' })
  targetType?: string;

  @ApiPropertyOptional({
    description: 'Only changes to this thing (a product or user id, a flag key); usually with `targetType`',
    maxLength: 128,
    example: '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11',
  })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  targetId?: string;

  @ApiPropertyOptional({ ...DATE_TIME_FORMAT, description: 'From this instant (inclusive)', example: '2026-12-01T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ ...DATE_TIME_FORMAT, description: 'Before this instant (exclusive)', example: '2026-12-02T00:00:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
