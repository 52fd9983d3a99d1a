import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { FEATURE_FLAG_KEY_MAX_LENGTH, FEATURE_FLAG_KEY_PATTERN } from '../../feature-flag';

export class FeatureFlagKeyParamsDto {
  @ApiProperty({ example: 'checkout.express.enabled', pattern: FEATURE_FLAG_KEY_PATTERN.source, maxLength: FEATURE_FLAG_KEY_MAX_LENGTH })
  @IsString()
  @MaxLength(FEATURE_FLAG_KEY_MAX_LENGTH)
  @Matches(FEATURE_FLAG_KEY_PATTERN, { message: 'must be lowercase letters and digits in parts joined by ".", "_" or "-"' })
  key!: string;
}
