import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ValidationError } from '@keel/kernel';
import { containsUnstorableText, unstorableTextError } from './unstorable-text';

/**
 * True when `text` nests arrays/objects deeper than `maxDepth`. One pass over
 * the raw text, before parsing: a hostile body never becomes a deep object
 * for class-transformer and class-validator to recurse through (which would
 * end in a stack overflow, a 500). Brackets inside strings do not count.
 */
export function jsonNestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}

/**
 * Replaces Fastify's JSON body parser with the same parser (secure-json-parse)
 * that refuses `__proto__` and `constructor.prototype` keys (400 instead of
 * silently dropping them), bodies nested deeper than `maxDepth` and strings
 * PostgreSQL cannot store (NUL, unpaired surrogates) (400).
 * The body size limit (bodyLimit) still applies before any of this.
 */
export function useHardenedJsonParser(fastify: FastifyInstance, options: { maxDepth: number }): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request: FastifyRequest, body: string | Buffer, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (jsonNestingExceeds(text, options.maxDepth)) {
      done(
        new ValidationError(`The JSON body is nested deeper than ${options.maxDepth} levels.`, [
          { field: 'body', message: `must not nest objects and arrays deeper than ${options.maxDepth} levels` },
        ]),
        undefined,
      );
      return;
    }
    void parse(request, text, (error, value) => {
      if (error && isPlainJson(text)) {
        // Valid JSON that secure-json-parse refused: it carries a prototype-poisoning key.
        done(
          new ValidationError('The JSON body must not contain "__proto__" or "constructor.prototype" keys.', [
            { field: 'body', message: 'must not contain "__proto__" or "constructor.prototype" keys' },
          ]),
          undefined,
        );
        return;
      }
      if (!error && containsUnstorableText(value)) {
        done(unstorableTextError(), undefined);
        return;
      }
      done(error, value);
    });
  });
}

/** JSON.parse never pollutes prototypes (it defines "__proto__" as an own property), so it is safe as a syntax check. */
function isPlainJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
