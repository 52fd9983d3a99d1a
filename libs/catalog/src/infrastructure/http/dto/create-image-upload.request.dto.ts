import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import { INT32_FORMAT } from '@keel/http';

export class CreateImageUploadRequestDto {
  /** Checked by the command (415 for anything else), so the answer names the accepted types. */
  @ApiProperty({ enum: ['image/png', 'image/jpeg', 'image/webp'], example: 'image/png', maxLength: 100 })
  @IsString()
  @MaxLength(100)
  contentType!: string;

  @ApiProperty({
    ...INT32_FORMAT,
    minimum: 1,
    maximum: 2_147_483_647,
    example: 48213,
    description: 'Exact size of the file in bytes; over IMAGE_MAX_BYTES (default 5 MiB) is a 413',
  })
  @IsInt()
  @Min(1)
  contentLength!: number;
}
