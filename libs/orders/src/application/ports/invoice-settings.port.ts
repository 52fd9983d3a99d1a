export const INVOICE_SETTINGS = Symbol('InvoiceSettings');

/** The seller printed on every invoice (INVOICE_SELLER_NAME, INVOICE_SELLER_ADDRESS). */
export interface InvoiceSettings {
  sellerName: string;
  sellerAddress: string;
}
