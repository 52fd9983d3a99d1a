import { eventEnvelope } from '@keel/messaging/testing';
import { InMemoryObjectStorage } from '@keel/storage/testing';
import { ProductImage } from '../../domain';
import { InMemoryProductImageRepository } from '../../testing/product-image.repository.fake';
import type { DecodedImage, ImageProcessor } from '../ports/image-processor.port';
import { VerifyImageOnImageUploaded } from './verify-image-on-image-uploaded.consumer';

const PNG = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.from('pixels')]);

/** Decodes only what starts with the PNG signature, as 800×600. */
class FakeProcessor implements ImageProcessor {
  async inspect(bytes: Buffer): Promise<DecodedImage | null> {
    return bytes.subarray(0, 8).equals(PNG.subarray(0, 8)) ? { format: 'png', width: 800, height: 600 } : null;
  }
  async thumbnail(bytes: Buffer): Promise<Buffer> {
    return Buffer.concat([bytes, Buffer.from('-thumb')]);
  }
}

describe('VerifyImageOnImageUploaded', () => {
  let images: InMemoryProductImageRepository;
  let storage: InMemoryObjectStorage;
  let consumer: VerifyImageOnImageUploaded;

  const processing = (bytes: number) => {
    const image = ProductImage.create({
      id: 'img-1',
      productId: 'prod-1',
      contentType: 'image/png',
      declaredBytes: bytes,
      now: new Date(),
    });
    image.completeUpload(new Date());
    image.pullEvents();
    images.given(image);
    return image;
  };
  const deliver = () => consumer.handle(eventEnvelope('catalog.product-image-uploaded', { imageId: 'img-1', productId: 'prod-1' }));

  beforeEach(() => {
    images = new InMemoryProductImageRepository();
    storage = new InMemoryObjectStorage();
    consumer = new VerifyImageOnImageUploaded(images, storage, new FakeProcessor(), { imageMaxBytes: 1000 });
  });

  it('When the upload is the declared PNG, then original and thumbnail are stored content-addressed, the image is READY and the upload gone', async () => {
    const image = processing(PNG.length);
    storage.given(image.uploadKey, PNG, 'image/png');
    await deliver();
    const stored = (await images.findById('img-1'))!;
    expect(stored.status).toBe('READY');
    expect(stored.rendered).toMatchObject({ width: 800, height: 600, bytes: PNG.length });
    expect([...storage.objects.keys()].sort()).toEqual([stored.rendered!.imageKey, stored.rendered!.thumbnailKey].sort());
    expect(stored.rendered!.imageKey).toMatch(/^images\/[a-f0-9]{64}\.png$/);
  });

  it.each([
    ['a text file', Buffer.from('not an image!!'), 'image/png', 'The file is not a png image.'],
    ['more bytes than declared', Buffer.concat([PNG, PNG]), 'image/png', /not the \d+ bytes declared/],
    ['another stored type', PNG, 'text/plain', 'The upload was stored as text/plain, not image/png.'],
  ])('When the upload is %s, then the image is REJECTED with the reason and no object is left', async (_what, bytes, type, reason) => {
    const image = processing(bytes === PNG ? PNG.length : Math.min(bytes.length, 14));
    storage.given(image.uploadKey, bytes, type);
    await deliver();
    const stored = (await images.findById('img-1'))!;
    expect(stored.status).toBe('REJECTED');
    expect(stored.rejectionReason).toEqual(typeof reason === 'string' ? reason : expect.stringMatching(reason));
    expect(storage.objects.size).toBe(0);
  });

  it('When storage is down, then the job throws (to be retried) and the image stays PROCESSING', async () => {
    const image = processing(PNG.length);
    storage.given(image.uploadKey, PNG, 'image/png');
    storage.down = true;
    await expect(deliver()).rejects.toThrow('storage unreachable');
    expect((await images.findById('img-1'))!.status).toBe('PROCESSING');
  });
});
