export class DeleteProductImageCommand {
  constructor(
    readonly productId: string,
    readonly imageId: string,
  ) {}
}
