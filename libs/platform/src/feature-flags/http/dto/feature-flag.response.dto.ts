import { ApiProperty } from '@nestjs/swagger';
import {
  FEATURE_FLAG_KEY_MAX_LENGTH,
  FEATURE_FLAG_KEY_PATTERN,
  FEATURE_FLAG_VALUE_MAX_BYTES,
  type FeatureFlagValue,
} from '../../feature-flag';

export class FeatureFlagResponseDto {
  @ApiProperty({ example: 'payments.razorpay.enabled', pattern: FEATURE_FLAG_KEY_PATTERN.source, maxLength: FEATURE_FLAG_KEY_MAX_LENGTH })
  key!: string;

  @ApiProperty({
    description: 'Current value (JSON; its type never changes)',
    oneOf: [
      { type: 'boolean' },
      { type: 'string', maxLength: FEATURE_FLAG_VALUE_MAX_BYTES },
      { type: 'number' },
      { type: 'object' },
      { type: 'array', items: {} },
    ],
    example: true,
  })
  value!: FeatureFlagValue;

  @ApiProperty({ description: 'What the flag switches', maxLength: 1000 })
  description!: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt!: string;

  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: 'string',
    description: 'Admin who last changed it; null while it has its seeded value',
  })
  updatedBy!: string | null;
}

export class FeatureFlagListResponseDto {
  @ApiProperty({
    type: [FeatureFlagResponseDto],
    maxItems: 1000,
    description: 'Every flag, by key (a bounded configuration set, not paginated)',
  })
  items!: FeatureFlagResponseDto[];
}
