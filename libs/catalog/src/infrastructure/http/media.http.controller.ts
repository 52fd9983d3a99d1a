import { Controller, Get, Headers, HttpStatus, Inject, Param, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiHeader, ApiNotModifiedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems, Public } from '@keel/http';
import { ServiceUnavailableError } from '@keel/kernel';
import { OBJECT_STORAGE, type ObjectStorage, type StoredObject } from '@keel/storage';
import { CONTENT_TYPE_OF_EXTENSION, IMMUTABLE_CACHE_CONTROL } from '../../application';
import { ProductImageNotFoundError } from '../../domain';
import { MediaFileParamsDto } from './dto/media-file.params.dto';
import { ifNoneMatchMatches } from './etag';

const CACHE_HEADERS = {
  'Cache-Control': { description: IMMUTABLE_CACHE_CONTROL, schema: { type: 'string', maxLength: 100 } },
  ETag: { description: 'The SHA-256 of the bytes', schema: { type: 'string', maxLength: 66, pattern: '^"[a-f0-9]{64}"$' } },
};

/**
 * Product images, streamed from object storage under stable public paths. A
 * path names its bytes (content-addressed), so responses are cacheable forever
 * by browsers, the edge nginx (proxy_cache) or a CDN; only READY images' keys
 * are ever published, and uploads are not reachable here.
 */
@ApiTags('catalog')
@Public()
@Controller({ path: 'media', version: VERSION_NEUTRAL })
export class MediaHttpController {
  constructor(@Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage) {}

  @Get('images/:file')
  @ApiOperation({ operationId: 'getMediaImage', summary: 'A product image or thumbnail, by the path its product lists' })
  @ApiHeader({
    name: 'If-None-Match',
    required: false,
    schema: { type: 'string', maxLength: 16384, example: '"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"' },
  })
  @ApiProduces('image/png', 'image/jpeg', 'image/webp')
  @ApiOkResponse({ description: 'The bytes', headers: CACHE_HEADERS, schema: { type: 'string', format: 'binary', maxLength: 52_428_800 } })
  @ApiNotModifiedResponse({ description: 'Unchanged (it never changes)', headers: CACHE_HEADERS })
  @ApiProblems(400, [404, 'No such image'], [503, 'Object storage is unreachable'])
  async image(
    @Param() params: MediaFileParamsDto,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const [sha256, extension] = params.file.split('.');
    const etag = `"${sha256}"`;
    void reply.header('cache-control', IMMUTABLE_CACHE_CONTROL).header('etag', etag);
    // The name is the hash of the bytes: a matching tag needs no trip to storage.
    if (ifNoneMatchMatches(ifNoneMatch, etag)) {
      await reply.status(HttpStatus.NOT_MODIFIED).send();
      return;
    }
    let object: StoredObject | null;
    try {
      object = await this.storage.get(`images/${params.file}`);
    } catch {
      throw new ServiceUnavailableError('Object storage is unreachable; try again shortly.');
    }
    if (!object) throw new ProductImageNotFoundError();
    await reply
      .status(HttpStatus.OK)
      .type(CONTENT_TYPE_OF_EXTENSION[extension])
      .header('content-length', String(object.size))
      .header('x-content-type-options', 'nosniff')
      .send(object.body);
  }
}
