import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@keel/http';

export class ListProductsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    example: 't-shirt',
    description: 'Case-insensitive text to find in the name or SKU (matched literally)',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
