import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, MoneyDto, UUID_FORMAT } from '@keel/http';
import { PAYMENT_PROVIDERS } from '../../../domain';

/** One payment attempt of an order, as the payments context reports it (`PaymentView`). */
export class PaymentResponseDto {
  @ApiProperty({ ...UUID_FORMAT, example: 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d' })
  id!: string;

  @ApiProperty({ example: 'stripe', enum: PAYMENT_PROVIDERS })
  provider!: string;

  @ApiProperty({ example: 'SUCCEEDED', enum: ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED'] })
  status!: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({
    example: 'ch_3PqR8sT2uV4wX6yZ',
    type: String,
    nullable: true,
    maxLength: 255,
    description: "The provider's id of the charge, once it has one",
  })
  providerReference!: string | null;

  @ApiProperty({ example: null, type: String, nullable: true, maxLength: 500, description: 'Why the payment failed, for FAILED' })
  failureReason!: string | null;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;
}

export class PaymentListResponseDto {
  @ApiProperty({ type: [PaymentResponseDto], maxItems: 100, description: 'Oldest first' })
  items!: PaymentResponseDto[];
}
