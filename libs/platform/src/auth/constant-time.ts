import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets (tokens, token hashes, signatures) in time that depends
 * on neither their content nor their length: both sides are hashed to 32 bytes
 * first, then compared with crypto.timingSafeEqual.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(a), digest(b));
}
