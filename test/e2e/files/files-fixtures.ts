import sharp from 'sharp';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TestApp } from '../../support/test-app';

/** A real PNG of the given size, made with sharp. */
export const pngOf = (width: number, height: number): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .png()
    .toBuffer();

export interface ImageUpload {
  id: string;
  status: string;
  upload: { method: string; url: string; headers: Record<string, string>; expiresAt: string };
}

export function createUpload(t: TestApp, token: string, productId: string, contentType: string, contentLength: number) {
  return t.http().post(`/api/v1/products/${productId}/images`).set('authorization', `Bearer ${token}`).send({ contentType, contentLength });
}

/** PUTs the bytes to the presigned URL as a browser or curl would (straight to storage). */
export async function putTo(upload: ImageUpload['upload'], body: Buffer, headers = upload.headers): Promise<number> {
  const response = await fetch(upload.url, { method: 'PUT', headers, body });
  await response.arrayBuffer();
  return response.status;
}

/** Polls the image's row until it leaves PROCESSING. */
export async function waitForImageStatus(t: TestApp, imageId: string, statuses: string[], timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await t.dataSource.query(`SELECT status, rejection_reason FROM catalog.product_images WHERE id = $1`, [imageId]);
    if (statuses.includes(row?.status)) return row as { status: string; rejection_reason: string | null };
    if (Date.now() > deadline) throw new Error(`Image ${imageId} is ${row?.status}, not ${statuses.join('/')}`);
    await sleep(100);
  }
}
