import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Readable } from 'node:stream';

export const WEBHOOK_PATH = '/payments/webhooks/';

export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

/**
 * Keeps the exact bytes of webhook requests (signatures are over the raw
 * body), and only of those: a preParsing hook copies the payload and hands the
 * same bytes on to the normal JSON parser.
 */
@Injectable()
export class WebhookRawBodyHook implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify?.addHook) return; // the worker has no HTTP server
    fastify.addHook('preParsing', async (request: RawBodyRequest, _reply, payload) => {
      if (!request.url.includes(WEBHOOK_PATH)) return payload;
      const chunks: Buffer[] = [];
      for await (const chunk of payload) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
      request.rawBody = Buffer.concat(chunks);
      return Readable.from([request.rawBody]);
    });
  }
}
