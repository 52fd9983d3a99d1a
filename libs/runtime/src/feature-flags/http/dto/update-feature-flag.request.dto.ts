import { ApiProperty } from '@nestjs/swagger';
import { IsDefined, ValidateBy, type ValidationOptions } from 'class-validator';
import { FEATURE_FLAG_VALUE_MAX_BYTES, featureFlagTypeOf, type FeatureFlagValue } from '../../feature-flag';

/** A JSON value a flag can hold (boolean, string, finite number, object or array), at most FEATURE_FLAG_VALUE_MAX_BYTES serialised. */
function IsFeatureFlagValue(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isFeatureFlagValue',
      validator: {
        validate: (value: unknown) =>
          featureFlagTypeOf(value) !== undefined && Buffer.byteLength(JSON.stringify(value), 'utf8') <= FEATURE_FLAG_VALUE_MAX_BYTES,
        defaultMessage: () =>
          `must be a boolean, string, finite number, object or array of at most ${FEATURE_FLAG_VALUE_MAX_BYTES} bytes as JSON`,
      },
    },
    options,
  );
}

/** Body of PUT /admin/feature-flags/:key. */
export class UpdateFeatureFlagRequestDto {
  @ApiProperty({
    description:
      'The new value. It must have the type the flag already has (a `*.enabled` switch is a boolean); ' +
      `at most ${FEATURE_FLAG_VALUE_MAX_BYTES} bytes as JSON.`,
    oneOf: [
      { type: 'boolean' },
      { type: 'string', maxLength: FEATURE_FLAG_VALUE_MAX_BYTES },
      { type: 'number' },
      { type: 'object', maxProperties: 100 },
      { type: 'array', maxItems: 100, items: {} },
    ],
    example: false,
  })
  @IsDefined()
  @IsFeatureFlagValue()
  value!: FeatureFlagValue;
}
