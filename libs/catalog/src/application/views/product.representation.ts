import { createHash } from 'node:crypto';
import { type ProductDetails, withStock } from './product.view';

/**
 * A product as it is sent: the JSON bytes of its view (withStock's field
 * order) and their strong validator. Built once per product state and sent as
 * is, so a read that finds it costs no serialisation and no hash.
 */
export interface ProductRepresentation {
  readonly body: Buffer;
  readonly etag: string;
}

/** A strong validator over the exact bytes sent: equal bodies, equal tags. */
export function strongEtag(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url')}"`;
}

export function toProductRepresentation(details: ProductDetails, stock: number): ProductRepresentation {
  const body = Buffer.from(JSON.stringify(withStock(details, stock)));
  return { body, etag: strongEtag(body) };
}
