import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '@keel/kernel';

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isStorable = (text: string) => !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);

/**
 * Text PostgreSQL cannot store fails the query that carries it (a 500): U+0000
 * in text and jsonb, and unpaired UTF-16 surrogates (JSON `"\ud800"`) in jsonb,
 * which the outbox uses for every event. No field of the API means anything
 * with them, so the boundary refuses them in JSON bodies, keys included, and
 * NUL in URLs (headers cannot carry either: Node's parser refuses them).
 */
export function containsUnstorableText(value: unknown): boolean {
  // Iterative: bodies are depth-limited already, but this must not be the thing that overflows.
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (typeof current === 'string') {
      if (!isStorable(current)) return true;
    } else if (Array.isArray(current)) {
      stack.push(...current);
    } else if (current !== null && typeof current === 'object') {
      for (const [key, child] of Object.entries(current)) {
        if (!isStorable(key)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

export const unstorableTextError = () =>
  new ValidationError('The JSON body must not contain NUL characters or unpaired UTF-16 surrogates.', [
    { field: 'body', message: 'must not contain U+0000 or unpaired surrogates' },
  ]);

/** onRequest hook: a percent-encoded NUL anywhere in the path or query is a 400. Synchronous: no promise per request. */
export function rejectNulInUrl(request: FastifyRequest, _reply: FastifyReply, done: (error?: Error) => void): void {
  if (request.url.includes('%00')) {
    done(new ValidationError('The URL must not contain NUL (%00) characters.', [{ field: 'url', message: 'must not contain %00' }]));
    return;
  }
  done();
}
