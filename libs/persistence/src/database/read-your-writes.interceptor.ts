import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { catchError, concatMap, from, map, type Observable, throwError } from 'rxjs';
import { ReadRouter } from './read-router';
import { allowReplicaReads, collectWriters, pinContextToPrimary } from './read-target.context';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Per request: a read-only request may read from replicas (as its caller, for
 * read-your-writes); a mutating request reads and writes on the primary only,
 * and once its handler is done (its transactions committed) the primary's WAL
 * position is recorded for the caller and anyone it issued a session to,
 * before the response leaves. Global, so it wraps every other interceptor
 * (the Idempotency-Key transaction commits inside it).
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(private readonly router: ReadRouter) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.router.enabled || context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<{ method: string; user?: { id: string } }>();
    if (READ_ONLY_METHODS.has(request.method)) {
      allowReplicaReads(request.user?.id);
      return next.handle();
    }
    pinContextToPrimary();
    const writers = collectWriters();
    if (request.user) writers.add(request.user.id);
    const record = () => from(this.router.recordWrites(writers));
    return next.handle().pipe(
      concatMap((value) => record().pipe(map(() => value))),
      // A failed request may still have committed something (or its caller retries and reads): record anyway.
      catchError((error: unknown) => record().pipe(concatMap(() => throwError(() => error)))),
    );
  }
}
