export const INVOICE_RENDERER = Symbol('InvoiceRenderer');

/** Everything printed on an invoice; money in minor units. */
export interface InvoiceDocument {
  number: string;
  issuedAt: Date;
  orderId: string;
  seller: { name: string; address: string };
  buyer: { name: string; email: string | null };
  lines: Array<{ sku: string; name: string; quantity: number; unitPrice: number; lineTotal: number }>;
  total: number;
  currency: string;
}

/** Renders an invoice as a PDF (pdfkit in production). */
export interface InvoiceRenderer {
  render(document: InvoiceDocument): Promise<Buffer>;
}
