import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ClsService, ClsStore } from 'nestjs-cls';
import { REQUEST_ID } from '@keel/kernel';
import { REQUEST_ID_HEADER } from './request-id';

/**
 * Enters the request context (one nestjs-cls store: the request id, later the
 * audit actor, the idempotent request, the read target) in Fastify's first
 * onRequest hook, so every later hook, the body parser (Fastify binds it to the
 * request's async scope), guards, the handler and the log lines they write run
 * inside it. A Nest middleware did this before, through @fastify/middie: an
 * Express-style layer of its own in front of every request.
 */
export function enterRequestContext(fastify: FastifyInstance, cls: ClsService): void {
  fastify.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
    // One object per request: the store, with the id already in it (run() + set() would be two steps).
    cls.runWith({ [REQUEST_ID]: request.id } as ClsStore, done);
  });
}
