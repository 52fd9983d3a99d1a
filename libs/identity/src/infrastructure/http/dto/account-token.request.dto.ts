import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** The token from the `?token=` of an emailed link (43 base64url characters; bounded, not parsed further). */
export class AccountTokenRequestDto {
  @ApiProperty({
    description: 'The `token` query parameter of the link in the email',
    example: 'k3Jx0h2Q9yLrV1b8sWmZc4TnAa7dEoPq5uGfHiYjKlM',
    minLength: 1,
    maxLength: 128,
  })
  @IsString()
  @Length(1, 128)
  token!: string;
}
