import { ApiProperty } from '@nestjs/swagger';
import { INT32_FORMAT } from '@keel/http';

export class TokenPairResponseDto {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer`', maxLength: 4096 })
  accessToken!: string;

  @ApiProperty({ description: 'Opaque, single-use: each refresh returns a new one and spends the old', maxLength: 512 })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ ...INT32_FORMAT, description: 'Access token lifetime in seconds', example: 900, minimum: 1, maximum: 86400 })
  expiresIn!: number;
}
