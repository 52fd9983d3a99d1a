import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ClsService } from 'nestjs-cls';
import { createHash } from 'node:crypto';
import { Observable, tap } from 'rxjs';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { type IdempotentRequest, offerIdempotentRequest } from '@keel/messaging';
import { ValidationError } from '@keel/kernel';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.options';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/; // visible ASCII, 1..255 characters

/**
 * The HTTP half of Idempotency-Key (Stripe's semantics): it only reads and
 * checks the header, scopes the key to the user and the operation, hashes the
 * body, and hands all that to the command pipeline, which claims the key in
 * the command's own transaction (CommandPipeline). Afterwards it marks a
 * replayed response with `Idempotent-Replayed: true`. It opens no transaction.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly cls: ClsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const options = this.reflector.get<IdempotentOptions>(IDEMPOTENT, context.getHandler());
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const key = request.headers[IDEMPOTENCY_KEY_HEADER];
    if (typeof key !== 'string' || !KEY_SHAPE.test(key)) {
      throw new ValidationError('A valid Idempotency-Key header is required.', [
        { field: 'Idempotency-Key', message: 'is required: 1 to 255 visible ASCII characters' },
      ]);
    }
    const idempotent: IdempotentRequest = {
      scope: `${options.scope}:${request.user?.id ?? 'anonymous'}`,
      key,
      requestHash: createHash('sha256')
        .update(canonicalJson(request.body ?? null))
        .digest('hex'),
      status: successStatus(this.reflector, context),
      ttlSeconds: options.ttlSeconds ?? 24 * 3600,
      lockTimeoutMs: options.lockTimeoutMs,
      taken: false,
      replayed: false,
    };
    offerIdempotentRequest(this.cls, idempotent);
    return next.handle().pipe(
      tap(() => {
        // A route marked @Idempotent must dispatch its command: otherwise nothing was protected.
        if (!idempotent.taken)
          throw new Error(`${context.getClass().name}.${context.getHandler().name} is @Idempotent but sent no command`);
        if (idempotent.replayed) void reply.header('idempotent-replayed', 'true');
      }),
    );
  }
}

function successStatus(reflector: Reflector, context: ExecutionContext): number {
  const explicit = reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
  if (explicit) return explicit;
  return reflector.get<RequestMethod>(METHOD_METADATA, context.getHandler()) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

/** JSON with sorted keys, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
