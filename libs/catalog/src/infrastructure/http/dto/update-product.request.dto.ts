import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject, IsString, Length, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { MoneyDto } from '@keel/http';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH } from '../../../domain';

/** At least one field; absent fields stay as they are. */
export class UpdateProductRequestDto {
  @ApiPropertyOptional({ example: 'Black T-shirt, size M', minLength: 1, maxLength: NAME_MAX_LENGTH })
  @ValidateIf((dto: UpdateProductRequestDto) => dto.name !== undefined)
  @IsString()
  @Length(1, NAME_MAX_LENGTH)
  name?: string;

  @ApiPropertyOptional({
    example: 'Heavyweight organic cotton, regular fit',
    type: String,
    nullable: true,
    description: 'null clears it',
    maxLength: DESCRIPTION_MAX_LENGTH,
  })
  @ValidateIf((dto: UpdateProductRequestDto) => dto.description !== undefined && dto.description !== null)
  @IsString()
  @MaxLength(DESCRIPTION_MAX_LENGTH)
  description?: string | null;

  @ApiPropertyOptional({ type: MoneyDto })
  @ValidateIf((dto: UpdateProductRequestDto) => dto.price !== undefined)
  @IsObject()
  @ValidateNested()
  @Type(() => MoneyDto)
  price?: MoneyDto;
}
