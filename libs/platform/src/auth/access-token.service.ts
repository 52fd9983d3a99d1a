import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, SignJWT } from 'jose';
import { AppConfig } from '../config';
import { UnauthenticatedError } from '../domain';
import { isRole } from '../domain/role';
import { AuthenticatedUser } from './authenticated-user';

const ALGORITHM = 'HS256';

/**
 * Issues and verifies short-lived access JWTs. The algorithm is pinned and
 * iss/aud/exp are always checked (RFC 8725), so a token minted elsewhere or
 * with `alg: none` never passes.
 */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  private readonly issuer: string;
  private readonly audience: string;
  readonly ttlSeconds: number;

  constructor(config: AppConfig) {
    this.key = new TextEncoder().encode(config.get('JWT_SECRET', { infer: true }));
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = config.get('JWT_AUDIENCE', { infer: true });
    this.ttlSeconds = config.get('JWT_ACCESS_TTL_SECONDS', { infer: true });
  }

  async issue(user: AuthenticatedUser): Promise<string> {
    return new SignJWT({ email: user.email, roles: user.roles })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${this.ttlSeconds}s`)
      .sign(this.key);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.issuer,
        audience: this.audience,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string') throw new UnauthenticatedError('Invalid token');
      return { id: payload.sub, email: payload.email, roles };
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
