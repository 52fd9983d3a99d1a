import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, INT32_FORMAT, MoneyDto, UUID_FORMAT } from '@keel/http';
import { DESCRIPTION_MAX_LENGTH, NAME_MAX_LENGTH, SKU_MAX_LENGTH } from '../../../domain';
import { ProductImageResponseDto } from './product-image.response.dto';

export class ProductResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: '7c1e4b2a-9d3f-4a5b-8c6d-0e1f2a3b4c5d' })
  id!: string;

  @ApiProperty({ example: 'TEE-BLK-M', maxLength: SKU_MAX_LENGTH })
  sku!: string;

  @ApiProperty({ example: 'Black T-shirt, size M', maxLength: NAME_MAX_LENGTH })
  name!: string;

  @ApiProperty({ example: 'Heavyweight organic cotton, regular fit', type: String, nullable: true, maxLength: DESCRIPTION_MAX_LENGTH })
  description!: string | null;

  @ApiProperty({ type: MoneyDto })
  price!: MoneyDto;

  @ApiProperty({ ...INT32_FORMAT, description: 'Units available to order now', example: 25, minimum: 0, maximum: 1_000_000_000 })
  stock!: number;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  updatedAt!: string;

  @ApiProperty({ type: [ProductImageResponseDto], maxItems: 100, description: 'READY images, oldest first' })
  images!: ProductImageResponseDto[];
}
