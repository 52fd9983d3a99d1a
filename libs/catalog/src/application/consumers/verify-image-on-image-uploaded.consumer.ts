import { Inject, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { type EventEnvelope, EventConsumer, type IntegrationEventHandler } from '@keel/messaging';
import { OBJECT_STORAGE, type ObjectStorage } from '@keel/storage';
import {
  PRODUCT_IMAGE_REPOSITORY,
  PRODUCT_IMAGE_UPLOADED,
  type ProductImage,
  type ProductImagePayload,
  type ProductImageRepository,
} from '../../domain';
import { contentAddressedKey, hasMagicBytes, IMAGE_FORMATS, IMMUTABLE_CACHE_CONTROL } from '../images/image-format';
import { CATALOG_SETTINGS, type CatalogSettings } from '../ports/catalog-settings.port';
import { IMAGE_PROCESSOR, type ImageProcessor } from '../ports/image-processor.port';

export const THUMBNAIL_WIDTH = 400;

type Verdict = { ok: true; bytes: Buffer } | { ok: false; reason: string };

/**
 * Verifies an uploaded image and renders it: the object must be there with the
 * declared size and type, start with the type's magic bytes and decode as that
 * format. Then the original and a 400 px wide thumbnail are written under
 * content-addressed keys and the image becomes READY; otherwise it is REJECTED
 * with the reason. Either way the upload object is deleted, so nothing is left
 * behind. A storage failure throws: the job retries with backoff (and is
 * dead-lettered after the usual attempts) while the image stays PROCESSING.
 */
@EventConsumer({ name: 'catalog.verify-image', events: [PRODUCT_IMAGE_UPLOADED], timeoutMs: 60_000 })
export class VerifyImageOnImageUploaded implements IntegrationEventHandler<ProductImagePayload> {
  private readonly logger = new Logger(VerifyImageOnImageUploaded.name);

  constructor(
    @Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(IMAGE_PROCESSOR) private readonly processor: ImageProcessor,
    @Inject(CATALOG_SETTINGS) private readonly settings: CatalogSettings,
  ) {}

  /** Runs in the inbox's transaction: the verdict and its event commit once, with the inbox row. */
  async handle(event: EventEnvelope<ProductImagePayload>): Promise<void> {
    const image = await this.images.findByIdForUpdate(event.payload.imageId);
    if (!image || image.status !== 'PROCESSING') {
      this.logger.warn({ imageId: event.payload.imageId, status: image?.status }, 'Image is not being processed; nothing to verify');
      return;
    }
    const verdict = await this.verify(image);
    if (!verdict.ok) {
      image.reject(verdict.reason, new Date());
      await this.storage.delete(image.uploadKey);
      await this.images.update(image);
      this.logger.warn({ imageId: image.id, reason: verdict.reason }, 'Image rejected');
      return;
    }
    const { format, extension } = IMAGE_FORMATS[image.contentType];
    const decoded = (await this.processor.inspect(verdict.bytes))!;
    const thumbnail = await this.processor.thumbnail(verdict.bytes, THUMBNAIL_WIDTH);
    const imageKey = contentAddressedKey(sha256(verdict.bytes), image.contentType);
    const thumbnailKey = contentAddressedKey(sha256(thumbnail), image.contentType);
    const options = { contentType: image.contentType, cacheControl: IMMUTABLE_CACHE_CONTROL };
    await this.storage.put(imageKey, verdict.bytes, options);
    await this.storage.put(thumbnailKey, thumbnail, options);
    image.markReady({ imageKey, thumbnailKey, width: decoded.width, height: decoded.height, bytes: verdict.bytes.length }, new Date());
    await this.images.update(image);
    // Last: a failure before this point retries with the upload still there.
    await this.storage.delete(image.uploadKey);
    this.logger.log({ imageId: image.id, format, extension, width: decoded.width, height: decoded.height }, 'Image ready');
  }

  private async verify(image: ProductImage): Promise<Verdict> {
    const head = await this.storage.head(image.uploadKey);
    if (!head) return { ok: false, reason: 'Nothing was uploaded to the upload URL.' };
    if (head.size !== image.declaredBytes) {
      return { ok: false, reason: `The upload is ${head.size} bytes, not the ${image.declaredBytes} bytes declared.` };
    }
    if (head.size > this.settings.imageMaxBytes)
      return { ok: false, reason: `The upload is larger than ${this.settings.imageMaxBytes} bytes.` };
    if (head.contentType !== image.contentType) {
      return { ok: false, reason: `The upload was stored as ${head.contentType ?? 'no type'}, not ${image.contentType}.` };
    }
    const bytes = await this.storage.read(image.uploadKey, image.declaredBytes);
    if (!bytes) return { ok: false, reason: 'Nothing was uploaded to the upload URL.' };
    if (!hasMagicBytes(bytes, image.contentType))
      return { ok: false, reason: `The file is not a ${IMAGE_FORMATS[image.contentType].format} image.` };
    const decoded = await this.processor.inspect(bytes);
    if (!decoded || decoded.format !== IMAGE_FORMATS[image.contentType].format) {
      return { ok: false, reason: `The file does not decode as a ${IMAGE_FORMATS[image.contentType].format} image.` };
    }
    return { ok: true, bytes };
  }
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
