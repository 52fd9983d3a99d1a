import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, INT32_FORMAT, MoneyDto, UUID_FORMAT } from '@keel/http';
import {
  ORDER_MAX_ITEMS,
  ORDER_STATUSES,
  type OrderStatus,
  PAYMENT_PROVIDERS,
  type PaymentProvider,
  STATUS_REASON_MAX_LENGTH,
} from '../../../domain';

export class OrderItemResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  productId!: string;

  @ApiProperty({ description: 'SKU when ordered', maxLength: 200 })
  sku!: string;

  @ApiProperty({ description: 'Product name when ordered', maxLength: 200 })
  name!: string;

  @ApiProperty({ type: MoneyDto, description: 'Price per unit when ordered' })
  unitPrice!: MoneyDto;

  @ApiProperty({ ...INT32_FORMAT, minimum: 1, maximum: 100 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto, description: 'unitPrice × quantity' })
  lineTotal!: MoneyDto;
}

export class OrderPaymentResponseDto {
  @ApiProperty({ enum: PAYMENT_PROVIDERS })
  provider!: PaymentProvider;

  @ApiProperty({ maxLength: 100 })
  method!: string;
}

export class OrderHistoryEntryResponseDto {
  @ApiProperty({ enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  at!: string;

  @ApiProperty({ type: String, nullable: true, maxLength: STATUS_REASON_MAX_LENGTH })
  reason!: string | null;
}

export class OrderResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({
    enum: ORDER_STATUSES,
    description:
      'PENDING → CONFIRMED (stock reserved) → PAID; PENDING → REJECTED; CONFIRMED → PAYMENT_FAILED; PENDING|CONFIRMED|PAID → CANCELLED',
  })
  status!: OrderStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: STATUS_REASON_MAX_LENGTH,
    description: 'Why the order is in its status, e.g. the rejection reason',
  })
  statusReason!: string | null;

  @ApiProperty({ type: [OrderItemResponseDto], minItems: 1, maxItems: ORDER_MAX_ITEMS })
  items!: OrderItemResponseDto[];

  @ApiProperty({ type: MoneyDto, description: 'Σ lineTotal' })
  total!: MoneyDto;

  @ApiProperty({ type: OrderPaymentResponseDto })
  payment!: OrderPaymentResponseDto;

  @ApiProperty({
    type: [OrderHistoryEntryResponseDto],
    minItems: 1,
    maxItems: 10,
    description: 'Every status the order has been in, oldest first',
  })
  history!: OrderHistoryEntryResponseDto[];

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  updatedAt!: string;
}
