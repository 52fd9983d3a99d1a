/** The admin's client finished the PUT: verify and render the image (asynchronously). */
export class CompleteImageUploadCommand {
  constructor(
    readonly productId: string,
    readonly imageId: string,
  ) {}
}
