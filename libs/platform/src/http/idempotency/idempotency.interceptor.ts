import { CallHandler, ExecutionContext, HttpStatus, Injectable, NestInterceptor, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import { TransactionHost } from '@nestjs-cls/transactional';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { from, lastValueFrom, Observable, of } from 'rxjs';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import type { KeelTransactionHost } from '../../database/typeorm-repository.base';
import { ValidationError } from '../../domain';
import { IDEMPOTENT, IdempotentOptions } from './idempotent.options';
import { IdempotencyKeyInFlightError, IdempotencyKeyReusedError } from './idempotency.errors';
import { IdempotencyStore } from './idempotency.store';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/; // visible ASCII, 1..255 characters

/**
 * Idempotency-Key semantics (as Stripe's): the first request with a key runs and
 * its response is stored, in the same transaction as its effects; a repeat with
 * the same body replays it with `Idempotent-Replayed: true`; a different body is
 * a 422; a repeat while the first is still running is a 409. Keys are per user
 * and per operation and expire after the configured TTL.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
    private readonly txHost: TransactionHost,
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
    const scope = `${options.scope}:${request.user?.id ?? 'anonymous'}`;
    const requestHash = createHash('sha256')
      .update(canonicalJson(request.body ?? null))
      .digest('hex');
    const status = successStatus(this.reflector, context);
    return from(this.run(scope, key, requestHash, options, status, reply, next));
  }

  private async run(
    scope: string,
    key: string,
    requestHash: string,
    options: IdempotentOptions,
    status: number,
    reply: FastifyReply,
    next: CallHandler,
  ): Promise<unknown> {
    const outcome = await this.store.claim(scope, key, requestHash, options.ttlSeconds ?? 24 * 3600, options.lockSeconds ?? 60);
    if (outcome.kind === 'mismatch') throw new IdempotencyKeyReusedError();
    if (outcome.kind === 'in_flight') throw new IdempotencyKeyInFlightError();
    if (outcome.kind === 'replay') {
      void reply.header('idempotent-replayed', 'true');
      return lastValueFrom(of(outcome.response.body));
    }
    const host = this.txHost as KeelTransactionHost;
    try {
      return await host.withTransaction(async () => {
        const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
        await this.store.complete(host.tx, scope, key, { status, body });
        return body;
      });
    } catch (error) {
      await this.store.release(scope, key).catch(() => undefined);
      throw error;
    }
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
