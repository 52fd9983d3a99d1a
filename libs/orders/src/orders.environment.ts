import { ConfigService } from '@nestjs/config';
import { IsString, MaxLength, MinLength } from 'class-validator';

/** The environment variables the orders context owns, validated at boot with the platform's (ordersContext.settings). */
export class OrdersEnvironment {
  /** The seller printed on invoices. */
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  INVOICE_SELLER_NAME = 'Keel Commerce Ltd.';

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  INVOICE_SELLER_ADDRESS = '1 Example Street, 10115 Berlin, Germany';
}

export type OrdersConfig = ConfigService<OrdersEnvironment, true>;
export const OrdersConfig = ConfigService;
