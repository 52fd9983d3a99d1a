import { MAX_MINOR_UNITS, Money, ValidationError } from '@keel/kernel/domain';
import { OrderTotalTooLargeError } from './orders.errors';

export const ORDER_ITEM_MIN_QUANTITY = 1;
export const ORDER_ITEM_MAX_QUANTITY = 100;
export const ORDER_MIN_ITEMS = 1;
export const ORDER_MAX_ITEMS = 50;

export interface OrderItemProps {
  productId: string;
  sku: string;
  name: string;
  unitPrice: Money;
  quantity: number;
}

/**
 * One line of an order: a snapshot of the product (sku, name, price) at the
 * moment it was ordered, so later catalog changes never rewrite history.
 */
export class OrderItem {
  readonly lineTotal: Money;

  private constructor(private readonly props: OrderItemProps) {
    this.lineTotal = props.unitPrice.multiply(props.quantity);
  }

  /** `index` only names the offending field (`items[2].quantity`). */
  static create(props: OrderItemProps, index = 0): OrderItem {
    const q = props.quantity;
    if (!Number.isInteger(q) || q < ORDER_ITEM_MIN_QUANTITY || q > ORDER_ITEM_MAX_QUANTITY) {
      throw new ValidationError('Invalid quantity.', [
        {
          field: `items[${index}].quantity`,
          message: `must be an integer between ${ORDER_ITEM_MIN_QUANTITY} and ${ORDER_ITEM_MAX_QUANTITY}`,
        },
      ]);
    }
    if (props.unitPrice.amount * q > MAX_MINOR_UNITS) throw new OrderTotalTooLargeError();
    return new OrderItem({ ...props });
  }

  get productId(): string {
    return this.props.productId;
  }
  get sku(): string {
    return this.props.sku;
  }
  get name(): string {
    return this.props.name;
  }
  get unitPrice(): Money {
    return this.props.unitPrice;
  }
  get quantity(): number {
    return this.props.quantity;
  }
}
