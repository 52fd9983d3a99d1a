/** Uploads still PENDING after `olderThanMs` were abandoned: remove them (and any bytes that did arrive). */
export class RemoveAbandonedUploadsCommand {
  constructor(
    readonly olderThanMs: number,
    readonly batchSize = 100,
  ) {}
}
