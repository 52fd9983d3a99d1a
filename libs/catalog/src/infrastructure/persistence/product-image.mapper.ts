import { type ImageContentType, ProductImage, type ProductImageStatus } from '../../domain';
import type { ProductImageOrmEntity } from './product-image.orm-entity';

export const ProductImageMapper = {
  toDomain(row: ProductImageOrmEntity): ProductImage {
    return ProductImage.restore(row.id, {
      productId: row.productId,
      status: row.status as ProductImageStatus,
      contentType: row.contentType as ImageContentType,
      declaredBytes: row.declaredBytes,
      uploadKey: row.uploadKey,
      rendered:
        row.imageKey && row.thumbnailKey
          ? {
              imageKey: row.imageKey,
              thumbnailKey: row.thumbnailKey,
              width: row.width ?? 0,
              height: row.height ?? 0,
              bytes: row.storedBytes ?? 0,
            }
          : null,
      rejectionReason: row.rejectionReason,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
    });
  },
  toPersistence(image: ProductImage): Omit<ProductImageOrmEntity, 'version'> {
    const r = image.rendered;
    return {
      id: image.id,
      productId: image.productId,
      status: image.status,
      contentType: image.contentType,
      declaredBytes: image.declaredBytes,
      uploadKey: image.uploadKey,
      imageKey: r?.imageKey ?? null,
      thumbnailKey: r?.thumbnailKey ?? null,
      width: r?.width ?? null,
      height: r?.height ?? null,
      storedBytes: r?.bytes ?? null,
      rejectionReason: image.rejectionReason,
      createdAt: image.createdAt,
      updatedAt: image.updatedAt,
    };
  },
};
