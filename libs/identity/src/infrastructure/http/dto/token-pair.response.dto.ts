import { ApiProperty } from '@nestjs/swagger';
import { INT32_FORMAT } from '@keel/http';

export class TokenPairResponseDto {
  @ApiProperty({
    example:
      'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiI1ZTJkMWMwYi00YTM5LTRmOGUtYjdkNi1jNWI0YTM5MjgxNzAiLCJyb2xlcyI6WyJjdXN0b21lciJdfQ.kX3v9mQ2r7tY1uZ8wA4bC6dE0fG5hJ2iK9lM3nO7pQs',
    description: 'JWT for `Authorization: Bearer`',
    maxLength: 4096,
  })
  accessToken!: string;

  @ApiProperty({
    example: 'rt_3q9Zk1xV7mB2nL8pW4cT6yH0sD5fG1aJ',
    description: 'Opaque, single-use: each refresh returns a new one and spends the old',
    maxLength: 512,
  })
  refreshToken!: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType!: 'Bearer';

  @ApiProperty({ ...INT32_FORMAT, description: 'Access token lifetime in seconds', example: 900, minimum: 1, maximum: 86400 })
  expiresIn!: number;
}
