import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { PRODUCT_IMAGE_REPOSITORY, type ProductImageRepository, ProductImageNotFoundError } from '../../../domain';
import { DeleteProductImageCommand } from './delete-product-image.command';

/**
 * Marks the image DELETED; its objects are removed by a job (RemoveImageObjectsOnImageDeleted) and
 * the product's cached details refreshed by another, both after this commits. Deleting twice is a 404.
 */
@TransactionalCommandHandler(DeleteProductImageCommand)
export class DeleteProductImageHandler implements ICommandHandler<DeleteProductImageCommand> {
  constructor(@Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository) {}

  async execute(command: DeleteProductImageCommand): Promise<void> {
    const image = await this.images.findByIdForUpdate(command.imageId);
    if (!image || image.productId !== command.productId || image.status === 'DELETED') throw new ProductImageNotFoundError();
    image.remove(new Date());
    await this.images.update(image);
  }
}
