import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';

export class PresignedUploadDto {
  @ApiProperty({ enum: ['PUT'], example: 'PUT' })
  method!: 'PUT';

  @ApiProperty({
    format: 'uri',
    maxLength: 4096,
    description: 'Presigned URL of object storage, valid until expiresAt; PUT the bytes there with exactly `headers`',
    example:
      'http://127.0.0.1:4569/keel/uploads/products/3f0c6a1e-9f5b-4c1e-8f6a-2b7f1f0c9d2e/5b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=600&X-Amz-SignedHeaders=content-length%3Bcontent-type%3Bhost',
  })
  url!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string', maxLength: 100 },
    maxProperties: 10,
    description: 'Signed headers the PUT must carry',
    example: { 'Content-Type': 'image/png', 'Content-Length': '48213' },
  })
  headers!: Record<string, string>;

  @ApiProperty({ ...DATE_TIME_FORMAT, description: 'At most 10 minutes from now' })
  expiresAt!: string;
}

export class ImageUploadResponseDto {
  @ApiProperty({ ...UUID_FORMAT, description: 'The image; complete it once uploaded' })
  id!: string;

  @ApiProperty({ enum: ['PENDING'], example: 'PENDING' })
  status!: 'PENDING';

  @ApiProperty({ type: PresignedUploadDto })
  upload!: PresignedUploadDto;
}

export class ImageProcessingResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({
    enum: ['PROCESSING'],
    example: 'PROCESSING',
    description: 'A job verifies the upload; the image is listed with its product once READY',
  })
  status!: 'PROCESSING';
}
