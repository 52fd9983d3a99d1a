import { Injectable } from '@nestjs/common';
import { loadOnFirstUse } from '@keel/kernel';
import type { InvoiceDocument, InvoiceRenderer } from '../../application';
import { formatMoney } from './format-money';

const LEFT = 50;
const COLUMNS = { item: LEFT, quantity: 330, unit: 380, total: 470 };

/** pdfkit (with fontkit and brotli, ≈ 5 MB of heap) only in a process that renders an invoice: the API never does. */
const loadPdfKit = loadOnFirstUse(async () => (await import('pdfkit')).default);

/** An A4 invoice with pdfkit's built-in Helvetica (no font files to ship). */
@Injectable()
export class PdfkitInvoiceRenderer implements InvoiceRenderer {
  async render(invoice: InvoiceDocument): Promise<Buffer> {
    const PDFDocument = await loadPdfKit();
    // Uncompressed: an invoice is a few KB either way, and its text stays checkable byte for byte.
    const doc = new PDFDocument({
      size: 'A4',
      margin: LEFT,
      compress: false,
      info: { Title: `Invoice ${invoice.number}`, Author: invoice.seller.name, CreationDate: invoice.issuedAt },
    });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    const money = (amount: number) => formatMoney(amount, invoice.currency);

    doc.font('Helvetica-Bold').fontSize(20).text(`Invoice ${invoice.number}`, LEFT, 50);
    doc
      .font('Helvetica')
      .fontSize(10)
      .text(`Issued ${invoice.issuedAt.toISOString().slice(0, 10)} · Order ${invoice.orderId}`);
    doc.moveDown(1.5);
    const top = doc.y;
    doc.font('Helvetica-Bold').text('Seller', LEFT, top).font('Helvetica').text(invoice.seller.name).text(invoice.seller.address);
    doc.font('Helvetica-Bold').text('Buyer', 320, top).font('Helvetica').text(invoice.buyer.name, 320);
    if (invoice.buyer.email) doc.text(invoice.buyer.email, 320);
    doc.moveDown(2);

    const header = doc.y;
    doc.font('Helvetica-Bold');
    doc.text('Item', COLUMNS.item, header).text('Qty', COLUMNS.quantity, header).text('Unit price', COLUMNS.unit, header);
    doc.text('Amount', COLUMNS.total, header);
    doc.font('Helvetica');
    for (const line of invoice.lines) {
      const y = doc.y + 6;
      doc.text(`${line.name} (${line.sku})`, COLUMNS.item, y, { width: COLUMNS.quantity - COLUMNS.item - 10 });
      const after = doc.y;
      doc
        .text(String(line.quantity), COLUMNS.quantity, y)
        .text(money(line.unitPrice), COLUMNS.unit, y)
        .text(money(line.lineTotal), COLUMNS.total, y);
      doc.y = Math.max(after, doc.y);
    }
    doc.moveDown(1.5);
    doc
      .font('Helvetica-Bold')
      .fontSize(12)
      .text(`Total: ${money(invoice.total)}`, COLUMNS.unit, doc.y);
    doc.font('Helvetica').fontSize(9).moveDown(3).text('Paid in full. Thank you for your order.', LEFT);
    doc.end();
    return done;
  }
}
