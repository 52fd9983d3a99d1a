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
  @ApiProperty({ ...UUID_FORMAT, example: '7c1e4b2a-9d3f-4a5b-8c6d-0e1f2a3b4c5d' })
  productId!: string;

  @ApiProperty({ example: 'TEE-BLK-M', description: 'SKU when ordered', maxLength: 200 })
  sku!: string;

  @ApiProperty({ example: 'Black T-shirt, size M', description: 'Product name when ordered', maxLength: 200 })
  name!: string;

  @ApiProperty({ type: MoneyDto, description: 'Price per unit when ordered' })
  unitPrice!: MoneyDto;

  @ApiProperty({ example: 2, ...INT32_FORMAT, minimum: 1, maximum: 100 })
  quantity!: number;

  @ApiProperty({ type: MoneyDto, description: 'unitPrice × quantity', example: { amount: 3998, currency: 'USD' } })
  lineTotal!: MoneyDto;
}

export class OrderPaymentResponseDto {
  @ApiProperty({ example: 'stripe', enum: PAYMENT_PROVIDERS })
  provider!: PaymentProvider;

  @ApiProperty({ example: 'pm_card_visa', maxLength: 100 })
  method!: string;
}

export class OrderHistoryEntryResponseDto {
  @ApiProperty({ example: 'CONFIRMED', enum: ORDER_STATUSES })
  status!: OrderStatus;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  at!: string;

  @ApiProperty({ example: null, type: String, nullable: true, maxLength: STATUS_REASON_MAX_LENGTH })
  reason!: string | null;
}

export class OrderResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: '0b1f0c1e-2d3a-4b5c-9d6e-7f8a9b0c1d2e' })
  id!: string;

  @ApiProperty({
    enum: ORDER_STATUSES,
    example: 'CONFIRMED',
    description:
      'PENDING → CONFIRMED (stock reserved) → PAID; PENDING → REJECTED; CONFIRMED → PAYMENT_FAILED; PENDING|CONFIRMED|PAID → CANCELLED',
  })
  status!: OrderStatus;

  @ApiProperty({
    type: String,
    nullable: true,
    maxLength: STATUS_REASON_MAX_LENGTH,
    example: null,
    description: 'Why the order is in its status, e.g. the rejection reason',
  })
  statusReason!: string | null;

  @ApiProperty({ type: [OrderItemResponseDto], minItems: 1, maxItems: ORDER_MAX_ITEMS })
  items!: OrderItemResponseDto[];

  @ApiProperty({ type: MoneyDto, description: 'Σ lineTotal', example: { amount: 3998, currency: 'USD' } })
  total!: MoneyDto;

  @ApiProperty({ type: OrderPaymentResponseDto })
  payment!: OrderPaymentResponseDto;

  @ApiProperty({
    type: [OrderHistoryEntryResponseDto],
    minItems: 1,
    maxItems: 10,
    description: 'Every status the order has been in, oldest first',
    example: [
      { status: 'PENDING', at: '2026-12-01T09:30:00.000Z', reason: null },
      { status: 'CONFIRMED', at: '2026-12-01T09:30:00.412Z', reason: null },
    ],
  })
  history!: OrderHistoryEntryResponseDto[];

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  updatedAt!: string;
}
