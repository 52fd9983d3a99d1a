import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { PRODUCT_IMAGE_REPOSITORY, type ProductImageRepository, ProductImageNotFoundError } from '../../../domain';
import { CompleteImageUploadCommand } from './complete-image-upload.command';

/** PENDING → PROCESSING; the ProductImageUploaded event starts the verification job (VerifyImageOnImageUploaded). */
@TransactionalCommandHandler(CompleteImageUploadCommand)
export class CompleteImageUploadHandler implements ICommandHandler<CompleteImageUploadCommand> {
  constructor(@Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository) {}

  async execute(command: CompleteImageUploadCommand): Promise<{ id: string; status: 'PROCESSING' }> {
    const image = await this.images.findByIdForUpdate(command.imageId);
    if (!image || image.productId !== command.productId) throw new ProductImageNotFoundError();
    image.completeUpload(new Date());
    await this.images.update(image);
    return { id: image.id, status: 'PROCESSING' };
  }
}
