import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class MediaFileParamsDto {
  @ApiProperty({
    description: 'Content-addressed file name: the SHA-256 of the bytes and the extension',
    example: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08.png',
    pattern: '^[a-f0-9]{64}\\.(png|jpg|webp)$',
    maxLength: 69,
  })
  @Matches(/^[a-f0-9]{64}\.(png|jpg|webp)$/, { message: 'must be a media file name (sha256 hex and .png, .jpg or .webp)' })
  file!: string;
}
