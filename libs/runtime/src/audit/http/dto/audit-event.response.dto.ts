import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';

export class AuditActorResponseDto {
  @ApiProperty({
    ...UUID_FORMAT,
    nullable: true,
    description: 'The user; null for work no person asked for (boot)',
    example: '3f2b8c1e-9d4a-4b7e-8c21-5a6f0e9d1c2b',
  })
  id!: string | null;

  @ApiProperty({ description: 'The role that authorised it: `admin`, `customer`, or `system`', maxLength: 32, example: 'admin' })
  role!: string;
}

export class AuditTargetResponseDto {
  @ApiProperty({ description: 'What kind of thing changed', maxLength: 32, example: 'product' })
  type!: string;

  @ApiProperty({ description: 'Its id (a flag’s key for feature flags)', maxLength: 128, example: '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11' })
  id!: string;
}

const STATE = {
  type: 'object',
  nullable: true,
  maxProperties: 50,
  additionalProperties: true,
} as const;

export class AuditEventResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: '0b1f0c1e-5b6a-4c1c-9a0a-1a2b3c4d5e6f' })
  id!: string;

  @ApiProperty({
    ...DATE_TIME_FORMAT,
    description: 'When the change committed (its transaction’s time)',
    example: '2026-12-05T05:42:17.120Z',
  })
  occurredAt!: string;

  @ApiProperty({ type: AuditActorResponseDto })
  actor!: AuditActorResponseDto;

  @ApiProperty({
    description:
      'What happened: `product.created`, `product.updated`, `product.price-changed`, `stock.adjusted`, `user.role-granted`, ' +
      '`admin.logged-in`, `feature-flag.changed`',
    maxLength: 64,
    example: 'product.price-changed',
  })
  action!: string;

  @ApiProperty({ type: AuditTargetResponseDto })
  target!: AuditTargetResponseDto;

  @ApiProperty({
    ...STATE,
    description: 'The changed fields before; null for a creation or an event',
    example: { price: { amount: 1999, currency: 'USD' } },
  })
  before!: Record<string, unknown> | null;

  @ApiProperty({ ...STATE, description: 'The changed fields after', example: { price: { amount: 2499, currency: 'USD' } } })
  after!: Record<string, unknown> | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    maxLength: 128,
    description: 'X-Request-Id of the request that made the change',
    example: 'f3c9a1d2-7b4e-4e1a-9c55-0d2e8b7a6f10',
  })
  requestId!: string | null;

  @ApiProperty({
    type: 'string',
    nullable: true,
    maxLength: 64,
    description: 'Client address as the API saw it (behind TRUSTED_PROXIES, the forwarded one)',
    example: '203.0.113.7',
  })
  clientAddress!: string | null;
}
