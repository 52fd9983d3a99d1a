import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { randomUUID } from 'node:crypto';
import { TransactionalCommandHandler } from '@keel/messaging';
import { OBJECT_STORAGE, type ObjectStorage } from '@keel/storage';
import {
  ImageTooLargeError,
  isImageContentType,
  PRODUCT_IMAGE_REPOSITORY,
  PRODUCT_REPOSITORY,
  ProductImage,
  type ProductImageRepository,
  ProductNotFoundError,
  type ProductRepository,
  UnsupportedImageTypeError,
} from '../../../domain';
import { CATALOG_SETTINGS, type CatalogSettings } from '../../ports/catalog-settings.port';
import { CreateImageUploadCommand } from './create-image-upload.command';
import type { ImageUploadView } from './image-upload.view';

/** The presigned PUT is valid this long (issue 14: at most 10 minutes). */
export const UPLOAD_URL_TTL_SECONDS = 600;

@TransactionalCommandHandler(CreateImageUploadCommand)
export class CreateImageUploadHandler implements ICommandHandler<CreateImageUploadCommand> {
  constructor(
    @Inject(PRODUCT_REPOSITORY) private readonly products: ProductRepository,
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CATALOG_SETTINGS) private readonly settings: CatalogSettings,
  ) {}

  async execute(command: CreateImageUploadCommand): Promise<ImageUploadView> {
    if (!isImageContentType(command.contentType)) throw new UnsupportedImageTypeError(command.contentType);
    if (command.contentLength > this.settings.imageMaxBytes) {
      throw new ImageTooLargeError(command.contentLength, this.settings.imageMaxBytes);
    }
    const product = await this.products.findById(command.productId);
    if (!product) throw new ProductNotFoundError();
    const image = ProductImage.create({
      id: randomUUID(),
      productId: product.id,
      contentType: command.contentType,
      declaredBytes: command.contentLength,
      now: new Date(),
    });
    await this.images.insert(image);
    // Signing is local computation: no call to the store, so creating an upload works while it is down.
    const upload = await this.storage.presignUpload(image.uploadKey, {
      contentType: image.contentType,
      contentLength: image.declaredBytes,
      expiresInSeconds: UPLOAD_URL_TTL_SECONDS,
    });
    return {
      id: image.id,
      status: 'PENDING',
      upload: { method: 'PUT', url: upload.url, headers: upload.headers, expiresAt: upload.expiresAt.toISOString() },
    };
  }
}
