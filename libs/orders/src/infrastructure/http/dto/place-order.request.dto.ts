import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ORDER_ITEM_MAX_QUANTITY,
  ORDER_ITEM_MIN_QUANTITY,
  ORDER_MAX_ITEMS,
  ORDER_MIN_ITEMS,
  PAYMENT_METHOD_MAX_LENGTH,
  PAYMENT_PROVIDERS,
  type PaymentProvider,
} from '../../../domain';
import { INT32_FORMAT, UUID_FORMAT } from '@keel/http';

export class OrderLineRequestDto {
  @ApiProperty({ ...UUID_FORMAT, example: '3f1c2a4e-8d5b-4f0e-9a77-2b6c1d9e0f11' })
  @IsUUID('all')
  productId!: string;

  @ApiProperty({ ...INT32_FORMAT, example: 2, minimum: ORDER_ITEM_MIN_QUANTITY, maximum: ORDER_ITEM_MAX_QUANTITY })
  @IsInt()
  @Min(ORDER_ITEM_MIN_QUANTITY)
  @Max(ORDER_ITEM_MAX_QUANTITY)
  quantity!: number;
}

export class PaymentChoiceRequestDto {
  @ApiProperty({ enum: PAYMENT_PROVIDERS, example: 'stripe' })
  @IsIn(PAYMENT_PROVIDERS)
  provider!: PaymentProvider;

  @ApiProperty({
    description:
      "The provider's payment method token (sandbox: `pm_card_visa`, `pm_card_chargeDeclined`, `success@razorpay`, `failure@razorpay`)",
    example: 'pm_card_visa',
    minLength: 1,
    maxLength: PAYMENT_METHOD_MAX_LENGTH,
  })
  @IsString()
  @Length(1, PAYMENT_METHOD_MAX_LENGTH)
  method!: string;
}

export class PlaceOrderRequestDto {
  @ApiProperty({
    type: [OrderLineRequestDto],
    minItems: ORDER_MIN_ITEMS,
    maxItems: ORDER_MAX_ITEMS,
    description: 'Each product at most once',
  })
  @IsArray()
  @ArrayMinSize(ORDER_MIN_ITEMS)
  @ArrayMaxSize(ORDER_MAX_ITEMS)
  @ArrayUnique((line: OrderLineRequestDto | null) => (typeof line?.productId === 'string' ? line.productId.toLowerCase() : line), {
    message: 'must list each productId once',
  })
  @ValidateNested({ each: true })
  @Type(() => OrderLineRequestDto)
  items!: OrderLineRequestDto[];

  @ApiProperty({ type: PaymentChoiceRequestDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PaymentChoiceRequestDto)
  payment!: PaymentChoiceRequestDto;
}
