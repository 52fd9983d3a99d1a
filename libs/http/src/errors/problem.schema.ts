import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FieldErrorSchema {
  @ApiProperty({ example: 'email', maxLength: 200 })
  field!: string;

  @ApiProperty({ example: 'must be an email', maxLength: 1000 })
  message!: string;
}

/** OpenAPI description of the RFC 9457 body every error response carries. */
export class ProblemResponseSchema {
  @ApiProperty({ example: 'https://keel.dev/problems/validation-error', format: 'uri', maxLength: 200 })
  type!: string;

  @ApiProperty({ example: 'Bad Request', maxLength: 200 })
  title!: string;

  @ApiProperty({ type: 'integer', format: 'int32', example: 400, minimum: 400, maximum: 599 })
  status!: number;

  @ApiProperty({ example: 'The request is invalid; see errors for each field.', maxLength: 2000 })
  detail!: string;

  @ApiProperty({
    example: '/api/v1/auth/register',
    description: 'Path of the request (empty when the request could not be parsed); bounded by the request header limit',
    maxLength: 262144,
  })
  instance!: string;

  @ApiProperty({ example: '5f0c7a8e-5b0e-4f57-9d9f-1f0d7b0f1a11', maxLength: 128, pattern: '^[A-Za-z0-9._:-]{8,128}$' })
  requestId!: string;

  @ApiPropertyOptional({
    type: [FieldErrorSchema],
    maxItems: 100,
    description: 'At most 100, the first ones found',
    example: [{ field: 'email', message: 'must be an email' }],
  })
  errors?: FieldErrorSchema[];
}
