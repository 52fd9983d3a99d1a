import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { UUID_FORMAT } from '@keel/http';

export class ProductImageIdParamsDto {
  @ApiProperty({ ...UUID_FORMAT })
  @IsUUID('all', { message: 'must be a UUID' })
  id!: string;

  @ApiProperty({ ...UUID_FORMAT })
  @IsUUID('all', { message: 'must be a UUID' })
  imageId!: string;
}
