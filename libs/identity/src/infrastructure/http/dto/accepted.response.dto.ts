import { ApiProperty } from '@nestjs/swagger';

/** The one answer of POST /auth/register: the same for a new and a taken address. */
export class VerificationSentResponseDto {
  @ApiProperty({ enum: ['verification-sent'], example: 'verification-sent' })
  status!: 'verification-sent';
}

/** The one answer of the email-sending requests (resend, password reset): the same whether the address has an account or not. */
export class EmailRequestAcceptedResponseDto {
  @ApiProperty({ enum: ['accepted'], example: 'accepted' })
  status!: 'accepted';
}
