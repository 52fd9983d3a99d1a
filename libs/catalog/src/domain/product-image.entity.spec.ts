import {
  CATALOG_PRODUCT_IMAGE_DELETED,
  CATALOG_PRODUCT_IMAGE_READY,
  CATALOG_PRODUCT_IMAGE_REJECTED,
  CATALOG_PRODUCT_IMAGE_UPLOADED,
} from '../contracts';
import { PRODUCT_IMAGE_DELETED, PRODUCT_IMAGE_READY, PRODUCT_IMAGE_REJECTED, PRODUCT_IMAGE_UPLOADED } from './product-image.domain-events';
import { ImageNotPendingError, ProductImage } from './product-image.entity';

const NOW = new Date('2026-01-01T00:00:00Z');
const RENDERED = { imageKey: 'images/a.png', thumbnailKey: 'images/b.png', width: 800, height: 600, bytes: 1234 };
const pending = () => ProductImage.create({ id: 'img-1', productId: 'prod-1', contentType: 'image/png', declaredBytes: 1234, now: NOW });

describe('ProductImage', () => {
  it('When created, then it is PENDING under a server-chosen upload key, with no event yet', () => {
    const image = pending();
    expect(image.status).toBe('PENDING');
    expect(image.uploadKey).toBe('uploads/products/prod-1/img-1');
    expect(image.pullEvents()).toEqual([]);
  });

  it('When its upload is completed, then it is PROCESSING and ProductImageUploaded is raised; completing again is refused', () => {
    const image = pending();
    image.completeUpload(NOW);
    expect(image.status).toBe('PROCESSING');
    expect(image.pullEvents().map((e) => [e.eventName, e.payload])).toEqual([
      ['catalog.product-image-uploaded', { imageId: 'img-1', productId: 'prod-1' }],
    ]);
    expect(() => image.completeUpload(NOW)).toThrow(ImageNotPendingError);
  });

  it('When verified, then it is READY with its rendered objects; deleting it lists every object to remove, once', () => {
    const image = pending();
    image.completeUpload(NOW);
    image.markReady(RENDERED, NOW);
    expect(image.status).toBe('READY');
    expect(image.rendered).toEqual(RENDERED);
    image.pullEvents();
    expect(image.remove(NOW)).toBe(true);
    expect(image.remove(NOW)).toBe(false);
    expect(image.pullEvents().map((e) => e.payload)).toEqual([
      { imageId: 'img-1', productId: 'prod-1', keys: ['uploads/products/prod-1/img-1', 'images/a.png', 'images/b.png'] },
    ]);
  });

  it('When rejected, then it is REJECTED with the reason and ProductImageRejected; a PENDING image cannot be marked READY', () => {
    const image = pending();
    expect(() => image.markReady(RENDERED, NOW)).toThrow();
    image.completeUpload(NOW);
    image.reject('The file is not a png image.', NOW);
    expect(image.status).toBe('REJECTED');
    expect(image.rejectionReason).toBe('The file is not a png image.');
    expect(image.pullEvents().at(-1)?.eventName).toBe('catalog.product-image-rejected');
  });
});

describe('ProductImage events on the wire', () => {
  it('the domain events carry the names catalog publishes in its contracts', () => {
    expect([PRODUCT_IMAGE_UPLOADED, PRODUCT_IMAGE_READY, PRODUCT_IMAGE_REJECTED, PRODUCT_IMAGE_DELETED]).toEqual([
      CATALOG_PRODUCT_IMAGE_UPLOADED,
      CATALOG_PRODUCT_IMAGE_READY,
      CATALOG_PRODUCT_IMAGE_REJECTED,
      CATALOG_PRODUCT_IMAGE_DELETED,
    ]);
  });
});
