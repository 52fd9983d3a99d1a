import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, Length, Max, Min, NotEquals } from 'class-validator';
import { INT32_FORMAT } from '@keel/http';

export const MAX_ADJUSTMENT = 1_000_000;
export const REASON_MAX_LENGTH = 200;

export class AdjustStockRequestDto {
  @ApiProperty({
    ...INT32_FORMAT,
    description: 'Change of available units: positive for a delivery, negative for shrinkage. Never 0.',
    example: -2,
    minimum: -MAX_ADJUSTMENT,
    maximum: MAX_ADJUSTMENT,
  })
  @IsInt()
  @Min(-MAX_ADJUSTMENT)
  @Max(MAX_ADJUSTMENT)
  @NotEquals(0, { message: 'must not be 0' })
  delta!: number;

  @ApiProperty({ example: 'Damaged in the warehouse', minLength: 1, maxLength: REASON_MAX_LENGTH })
  @IsString()
  @Length(1, REASON_MAX_LENGTH)
  reason!: string;
}
