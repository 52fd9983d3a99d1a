import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { INT32_FORMAT } from '../dto/openapi-formats';

/** What every list's nextCursor looks like (base64url). */
export const CURSOR_PATTERN = /^[A-Za-z0-9_-]+$/;

/** `?limit=1..100` (default 20) and `?cursor=` — the contract's list parameters. Extend for filters. */
export class PageQueryDto {
  @ApiPropertyOptional({ example: 20, ...INT32_FORMAT, minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({
    example: 'eyJjIjoiMjAyNi0xMi0wMVQwOTozMDowMC4wMDBaIn0',
    description: 'Opaque cursor from a previous page’s nextCursor',
    maxLength: 200,
    pattern: CURSOR_PATTERN.source,
  })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(CURSOR_PATTERN, { message: 'is not a cursor returned by this list' })
  cursor?: string;
}
