import { createHash } from 'node:crypto';

export interface JwtKey {
  /** Key id sent in the token header; derived from the secret, so rotating needs no extra variable. */
  kid: string;
  secret: Uint8Array;
}

/**
 * A key id for an HMAC secret: the first 16 hex digits of its SHA-256. It
 * tells nothing an attacker could not learn from any token signed with the
 * secret (both are one-way functions of it), and it is stable across
 * instances and restarts.
 */
export function keyIdFor(secret: string): string {
  return createHash('sha256').update(`keel-jwt-kid:${secret}`).digest('hex').slice(0, 16);
}

/**
 * The signing key (JWT_SECRET) and the keys that still verify
 * (JWT_SECRET plus JWT_PREVIOUS_SECRETS). A token is checked only against the
 * key its `kid` names: an unknown or missing kid is rejected outright.
 */
export class JwtKeyRing {
  readonly signing: JwtKey;
  private readonly verifying: ReadonlyMap<string, JwtKey>;

  constructor(current: string, previous: readonly string[] = []) {
    const toKey = (secret: string): JwtKey => ({ kid: keyIdFor(secret), secret: new TextEncoder().encode(secret) });
    this.signing = toKey(current);
    this.verifying = new Map([this.signing, ...previous.map(toKey)].map((key) => [key.kid, key]));
  }

  /** The verification key for a token's `kid`, or undefined when it names no active key. */
  find(kid: unknown): JwtKey | undefined {
    return typeof kid === 'string' ? this.verifying.get(kid) : undefined;
  }

  get activeKeyIds(): string[] {
    return [...this.verifying.keys()];
  }
}
