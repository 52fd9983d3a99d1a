import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { TokenPair } from './views/token-pair.view';

const VERSION = 'v1';
const INFO = Buffer.from('keel refresh-token successor v1');

/**
 * The key that seals the pair a refresh token was rotated into, derived from
 * the refresh token itself (HKDF-SHA256; the token has 256 bits of entropy).
 * Only the stored hash of the token is in the database, so the sealed pair is
 * useless to anyone who reads the database without holding the spent token,
 * and anyone holding the spent token could have rotated it anyway.
 */
const keyOf = (refreshToken: string) => Buffer.from(hkdfSync('sha256', refreshToken, Buffer.alloc(0), INFO, 32));

/** Seals `pair` (AES-256-GCM) so that only the holder of `refreshToken` can open it. */
export function sealSuccessor(refreshToken: string, pair: TokenPair): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyOf(refreshToken), iv);
  const body = Buffer.concat([cipher.update(JSON.stringify(pair), 'utf8'), cipher.final()]);
  return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** The pair sealed for `refreshToken`, or undefined when it does not open (another token, tampered, unknown version). */
export function openSuccessor(refreshToken: string, sealed: string): TokenPair | undefined {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyOf(refreshToken), Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const json = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(json) as TokenPair;
  } catch {
    return undefined;
  }
}
