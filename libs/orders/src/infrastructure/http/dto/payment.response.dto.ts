import { ApiProperty } from '@nestjs/swagger';
import { DATE_TIME_FORMAT, MoneyDto, UUID_FORMAT } from '@keel/http';
import { PAYMENT_PROVIDERS } from '../../../domain';

/** One payment attempt of an order, as the payments context reports it (`PaymentView`). */
export class PaymentResponseDto {
  @ApiProperty({ ...UUID_FORMAT })
  id!: string;

  @ApiProperty({ enum: PAYMENT_PROVIDERS })
  provider!: string;

  @ApiProperty({ enum: ['PENDING', 'SUCCEEDED', 'FAILED', 'REFUNDED'] })
  status!: 'PENDING' | 'SUCCEEDED' | 'FAILED' | 'REFUNDED';

  @ApiProperty({ type: MoneyDto })
  amount!: MoneyDto;

  @ApiProperty({ type: String, nullable: true, maxLength: 255, description: "The provider's id of the charge, once it has one" })
  providerReference!: string | null;

  @ApiProperty({ type: String, nullable: true, maxLength: 500, description: 'Why the payment failed, for FAILED' })
  failureReason!: string | null;

  @ApiProperty({ ...DATE_TIME_FORMAT })
  createdAt!: string;
}

export class PaymentListResponseDto {
  @ApiProperty({ type: [PaymentResponseDto], maxItems: 100, description: 'Oldest first' })
  items!: PaymentResponseDto[];
}
