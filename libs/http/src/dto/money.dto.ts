import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, Max, Min } from 'class-validator';
import { CURRENCIES, MAX_MINOR_UNITS, type Currency } from '@keel/kernel';
import { INT64_FORMAT } from './openapi-formats';

/** `{ amount, currency }` at the HTTP boundary: integer minor units and an ISO 4217 code. */
export class MoneyDto {
  @ApiProperty({
    ...INT64_FORMAT,
    description: 'Integer amount in minor units (e.g. cents)',
    example: 1999,
    minimum: 0,
    maximum: MAX_MINOR_UNITS,
  })
  @IsInt()
  @Min(0)
  @Max(MAX_MINOR_UNITS)
  amount!: number;

  @ApiProperty({ enum: CURRENCIES, example: 'USD' })
  @IsIn(CURRENCIES)
  currency!: Currency;
}
