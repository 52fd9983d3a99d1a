import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** Body of POST /auth/refresh and POST /auth/logout. */
export class RefreshTokenRequestDto {
  @ApiProperty({
    example: 'rt_3q9Zk1xV7mB2nL8pW4cT6yH0sD5fG1aJ',
    description: 'Opaque refresh token from login or a previous refresh',
    minLength: 1,
    maxLength: 512,
  })
  @IsString()
  @Length(1, 512)
  refreshToken!: string;
}
