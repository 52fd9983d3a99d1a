/**
 * The text shown by an uncompressed PDF's text operators (pdfkit writes each
 * run as hex strings inside a TJ array): enough to check what an invoice says
 * without a PDF library.
 */
export function pdfText(pdf: Buffer): string {
  const source = pdf.toString('latin1');
  const runs: string[] = [];
  for (const match of source.matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...match[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((m) => m[1]).join('');
    runs.push(Buffer.from(hex, 'hex').toString('latin1'));
  }
  return runs.join('\n');
}
