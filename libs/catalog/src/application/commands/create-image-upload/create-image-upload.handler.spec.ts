import { Money } from '@keel/kernel/domain';
import { InMemoryObjectStorage } from '@keel/storage/testing';
import { ImageTooLargeError, Product, ProductNotFoundError, UnsupportedImageTypeError } from '../../../domain';
import { InMemoryProductImageRepository } from '../../../testing/product-image.repository.fake';
import { InMemoryProductRepository } from '../../../testing/product.repository.fake';
import { CreateImageUploadCommand } from './create-image-upload.command';
import { CreateImageUploadHandler, UPLOAD_URL_TTL_SECONDS } from './create-image-upload.handler';

const ID = '6f1c1d4e-8a51-4f4e-9a0e-2b7f6f0c1a11';

describe('CreateImageUploadHandler', () => {
  let images: InMemoryProductImageRepository;
  let handler: CreateImageUploadHandler;

  beforeEach(() => {
    const products = new InMemoryProductRepository().given(
      Product.create({ id: ID, sku: 'TEE-1', name: 'Tee', price: Money.of(1999, 'USD'), now: new Date() }),
    );
    images = new InMemoryProductImageRepository();
    handler = new CreateImageUploadHandler(products, images, new InMemoryObjectStorage(), { imageMaxBytes: 5 * 1024 * 1024 });
  });

  it('When an accepted type and size are declared, then a PENDING image is stored and a 10-minute PUT bound to them is returned', async () => {
    const view = await handler.execute(new CreateImageUploadCommand(ID, 'image/webp', 2048));
    expect(view).toEqual({
      id: expect.any(String),
      status: 'PENDING',
      upload: {
        method: 'PUT',
        url: `memory://uploads/products/${ID}/${view.id}`,
        headers: { 'Content-Type': 'image/webp', 'Content-Length': '2048' },
        expiresAt: expect.any(String),
      },
    });
    expect(UPLOAD_URL_TTL_SECONDS).toBeLessThanOrEqual(600);
    expect((await images.findById(view.id))?.status).toBe('PENDING');
  });

  it('When the type, the size or the product is wrong, then it is refused and nothing is stored', async () => {
    await expect(handler.execute(new CreateImageUploadCommand(ID, 'image/gif', 10))).rejects.toThrow(UnsupportedImageTypeError);
    await expect(handler.execute(new CreateImageUploadCommand(ID, 'image/png', 20 * 1024 * 1024))).rejects.toThrow(ImageTooLargeError);
    await expect(handler.execute(new CreateImageUploadCommand('00000000-0000-4000-8000-000000000000', 'image/png', 10))).rejects.toThrow(
      ProductNotFoundError,
    );
    expect(images.store.all()).toEqual([]);
  });
});
