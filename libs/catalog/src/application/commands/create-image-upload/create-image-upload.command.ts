/** An admin wants to upload an image of a product: a server-chosen key and a presigned PUT for it. */
export class CreateImageUploadCommand {
  constructor(
    readonly productId: string,
    readonly contentType: string,
    readonly contentLength: number,
  ) {}
}
