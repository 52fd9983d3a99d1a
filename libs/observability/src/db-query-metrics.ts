import { Client } from 'pg';
import { dbQueryDuration } from './metrics';

let installed = false;

/**
 * Times every SQL statement of the `pg` driver (TypeORM, BullMQ's PostgreSQL
 * backend, the relay's listener alike). Installed once per process.
 */
export function instrumentPgQueries(): void {
  if (installed) return;
  installed = true;
  const proto = Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function timedQuery(this: unknown, ...args: unknown[]) {
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      const end = dbQueryDuration.startTimer({ operation: operationOf(args[0]) });
      (result as Promise<unknown>).then(
        () => end(),
        () => end(),
      );
    }
    return result;
  };
}

function operationOf(query: unknown): string {
  const text = typeof query === 'string' ? query : (query as { text?: string } | null)?.text;
  const verb = /^\s*(\w+)/.exec(text ?? '')?.[1]?.toLowerCase();
  return verb === 'select' || verb === 'insert' || verb === 'update' || verb === 'delete' ? verb : 'other';
}
