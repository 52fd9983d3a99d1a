import { ApiProperty } from '@nestjs/swagger';
import { INT32_FORMAT, UUID_FORMAT } from '@keel/http';

export class ProductImageResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({ enum: ['READY'], example: 'READY' })
  status!: 'READY';

  @ApiProperty({
    description: 'Stable public path of the image (immutable: cache it forever)',
    example: '/media/images/9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png',
    maxLength: 100,
  })
  url!: string;

  @ApiProperty({
    description: 'The same image 400 px wide (or the original when narrower)',
    example: '/media/images/60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752.png',
    maxLength: 100,
  })
  thumbnailUrl!: string;

  @ApiProperty({ ...INT32_FORMAT, example: 1200, minimum: 1, maximum: 100_000 })
  width!: number;

  @ApiProperty({ ...INT32_FORMAT, example: 800, minimum: 1, maximum: 100_000 })
  height!: number;

  @ApiProperty({ enum: ['image/png', 'image/jpeg', 'image/webp'], example: 'image/png' })
  contentType!: string;
}
