import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { INT32_FORMAT, MoneyDto } from '@keel/http';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, SKU_MAX_LENGTH, SKU_PATTERN } from '../../../domain';

export const MAX_INITIAL_STOCK = 1_000_000;

export class CreateProductRequestDto {
  @ApiProperty({
    description: "Stock keeping unit: letters, digits, '.', '_' or '-'; unique whatever the letter case",
    example: 'TEE-BLK-M',
    minLength: 1,
    maxLength: SKU_MAX_LENGTH,
    pattern: SKU_PATTERN.source,
  })
  @IsString()
  @Length(1, SKU_MAX_LENGTH)
  @Matches(SKU_PATTERN, { message: "may contain only letters, digits, '.', '_' and '-'" })
  sku!: string;

  @ApiProperty({ example: 'Black T-shirt, size M', minLength: 1, maxLength: NAME_MAX_LENGTH })
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  name!: string;

  @ApiPropertyOptional({ type: String, nullable: true, example: '100% organic cotton.', maxLength: DESCRIPTION_MAX_LENGTH })
  @IsOptional()
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  price!: MoneyDto;

  @ApiProperty({ ...INT32_FORMAT, description: 'Initial available units', example: 25, minimum: 0, maximum: MAX_INITIAL_STOCK })
  @IsInt()
  @Min(0)
  @Max(MAX_INITIAL_STOCK)
  stock!: number;
}
