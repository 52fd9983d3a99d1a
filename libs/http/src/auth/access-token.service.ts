import { Injectable, Optional } from '@nestjs/common';
import { errors, jwtVerify, type JWTHeaderParameters, SignJWT } from 'jose';
import { AppConfig, countBoundedLru, UnauthenticatedError, isRole } from '@keel/kernel';
import { noteWriter } from '@keel/persistence';
import { AccessTokenRevocations } from './access-token-revocations';
import { AuthenticatedUser } from './authenticated-user';
import { JwtKeyRing } from './jwt-key-ring';

const ALGORITHM = 'HS256';
const TYPE = 'JWT';

class UnknownKeyError extends UnauthenticatedError {}

/**
 * Issues and verifies short-lived access JWTs following RFC 8725: the
 * algorithm is pinned (so `alg: none` or an RS/HS confusion never passes),
 * `typ`, `iss`, `aud`, `exp`, `iat` and `sub` are always checked, and each
 * token names its signing key by `kid`. Signing uses JWT_SECRET; tokens signed
 * with a key in JWT_PREVIOUS_SECRETS keep verifying until they expire, so keys
 * rotate without logging anybody out.
 */
@Injectable()
export class AccessTokenService {
  private readonly keys: JwtKeyRing;
  private readonly issuer: string;
  private readonly audience: string;
  readonly ttlSeconds: number;
  /**
   * Tokens already verified, until their `exp`: a client sends the same access
   * token with every request for its lifetime, and an HMAC verification through
   * WebCrypto was ~9% of the CPU of an authenticated read. Only tokens that passed
   * every check are kept (forged ones cannot fill it); the entry's own expiry is
   * checked on each hit; changing the keys needs a restart, which empties it.
   */
  private readonly verified = countBoundedLru<string, { user: AuthenticatedUser; expiresAtMs: number }>(10_000);

  constructor(
    config: AppConfig,
    // Optional so that unit specs can build the service alone: then revocations live in this process.
    @Optional() private readonly revocations: AccessTokenRevocations = new AccessTokenRevocations(),
  ) {
    this.keys = new JwtKeyRing(config.get('JWT_SECRET', { infer: true }), config.get('JWT_PREVIOUS_SECRETS', { infer: true }) ?? []);
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.ttlSeconds = config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
  }

  /**
   * `sessionId` (the `sid` claim) names the session the token belongs to, so
   * that ending the session (logout, password change) ends its access tokens
   * too (AccessTokenRevocations).
   */
  async issue(user: AuthenticatedUser, sessionId?: string): Promise<string> {
    // Log-in, registration and refresh run without an authenticated caller, yet write for the
    // user they issue a session to (user row, refresh token): that user's next reads must see
    // it (read-your-writes, ADR 0009). A no-op outside a mutating request with replicas on.
    noteWriter(user.id);
    return new SignJWT({ email: user.email, roles: user.roles, ...(sessionId ? { sid: sessionId } : {}) })
      .setProtectedHeader({ alg: ALGORITHM, typ: TYPE, kid: this.keys.signing.kid })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.keys.signing.secret);
  }

  /** The token's user; refused when it is invalid, expired, or its session was ended (checked on cache hits too). */
  async verify(token: string): Promise<AuthenticatedUser> {
    const user = await this.verifySignedToken(token);
    if (user.sessionId && (await this.revocations.isRevoked(user.sessionId))) {
      throw new UnauthenticatedError('The session of this access token has ended.');
    }
    return user;
  }

  private async verifySignedToken(token: string): Promise<AuthenticatedUser> {
    const known = this.verified.get(token);
    if (known) {
      if (known.expiresAtMs > Date.now()) return known.user;
      this.verified.delete(token);
    }
    try {
      const { payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters) => {
          const key = this.keys.find(header.kid);
          if (!key) throw new UnknownKeyError('Unknown signing key');
          return key.secret;
        },
        {
          algorithms: [ALGORITHM],
          typ: TYPE,
          issuer: this.issuer,
          audience: this.audience,
          requiredClaims: ['sub', 'exp', 'iat'],
        },
      );
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') throw new UnauthenticatedError('Invalid token');
      const sessionId = typeof payload.sid === 'string' ? payload.sid : undefined;
      const user: AuthenticatedUser = Object.freeze({
        id: payload.sub,
        email: payload.email,
        roles: Object.freeze(roles) as typeof roles,
        ...(sessionId ? { sessionId } : {}),
      });
      this.verified.set(token, { user, expiresAtMs: (payload.exp as number) * 1000 });
      return user;
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof UnauthenticatedError) {
        throw new UnauthenticatedError(
          error instanceof errors.JWTExpired ? 'The access token has expired.' : 'The access token is invalid.',
        );
      }
      throw error;
    }
  }
}
