import { ApiProperty } from '@nestjs/swagger';
import {
  FEATURE_FLAG_KEY_MAX_LENGTH,
  FEATURE_FLAG_KEY_PATTERN,
  FEATURE_FLAG_VALUE_MAX_BYTES,
  type FeatureFlagValue,
} from '../../feature-flag';
import { DATE_TIME_FORMAT, UUID_FORMAT } from '@keel/http';

export class FeatureFlagResponseDto {
  @ApiProperty({ example: 'checkout.express.enabled', pattern: FEATURE_FLAG_KEY_PATTERN.source, maxLength: FEATURE_FLAG_KEY_MAX_LENGTH })
  key!: string;

  @ApiProperty({
    description: 'Current value (JSON; its type never changes)',
    oneOf: [
      { type: 'boolean' },
      { type: 'string', maxLength: FEATURE_FLAG_VALUE_MAX_BYTES },
      { type: 'number' },
      { type: 'object', maxProperties: 100 },
      { type: 'array', maxItems: 100, items: {} },
    ],
    example: true,
  })
  value!: FeatureFlagValue;

  @ApiProperty({ example: 'Offer express checkout on the cart page', description: 'What the flag switches', maxLength: 1000 })
  description!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  updatedAt!: string;

  @ApiProperty({
    ...UUID_FORMAT,
    nullable: true,
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
