import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { PRODUCT_IMAGE_REPOSITORY, type ProductImageRepository } from '../../../domain';
import { RemoveAbandonedUploadsCommand } from './remove-abandoned-uploads.command';

/**
 * One batch per run (the scheduler runs it periodically): each abandoned image becomes DELETED,
 * and its ProductImageDeleted event has a job remove the upload object. Locked rows are skipped,
 * so a concurrent completion wins and two runs never remove the same image twice.
 */
@TransactionalCommandHandler(RemoveAbandonedUploadsCommand)
export class RemoveAbandonedUploadsHandler implements ICommandHandler<RemoveAbandonedUploadsCommand> {
  constructor(@Inject(PRODUCT_IMAGE_REPOSITORY) private readonly images: ProductImageRepository) {}

  async execute(command: RemoveAbandonedUploadsCommand): Promise<number> {
    const now = new Date();
    const abandoned = await this.images.findAbandonedForUpdate(new Date(now.getTime() - command.olderThanMs), command.batchSize);
    for (const image of abandoned) {
      image.remove(now);
      await this.images.update(image);
    }
    return abandoned.length;
  }
}
