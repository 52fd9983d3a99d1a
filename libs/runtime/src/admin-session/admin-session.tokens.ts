import { Injectable } from '@nestjs/common';
import { errors, jwtVerify, type JWTHeaderParameters, SignJWT } from 'jose';
import { AppConfig, isRole, UnauthenticatedError } from '@keel/kernel';
import { type AuthenticatedUser, JwtKeyRing } from '@keel/http';

/** How long a browser session for the admin pages lasts; never renewed, sign in again after it. */
export const ADMIN_SESSION_TTL_SECONDS = 30 * 60;

/**
 * The admin pages' session, carried in an HttpOnly cookie: a JWT signed with
 * the API's keys (JWT_SECRET, rotation through JWT_PREVIOUS_SECRETS) but for
 * its own audience (`<JWT_AUDIENCE>:admin-session`), so a session cookie is
 * never accepted as a bearer access token and an access token never as a
 * session. Only admins get one; the role is checked again on every request.
 */
@Injectable()
export class AdminSessionTokens {
  private readonly keys: JwtKeyRing;
  private readonly issuer: string;
  private readonly audience: string;

  constructor(config: AppConfig) {
    this.keys = new JwtKeyRing(config.get('JWT_SECRET', { infer: true }), config.get('JWT_PREVIOUS_SECRETS', { infer: true }) ?? []);
    this.issuer = config.get('JWT_ISSUER', { infer: true });
    this.audience = `${config.get('JWT_AUDIENCE', { infer: true })}:admin-session`;
  }

  issue(user: AuthenticatedUser): Promise<string> {
    return new SignJWT({ email: user.email, roles: user.roles })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT', kid: this.keys.signing.kid })
      .setSubject(user.id)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${ADMIN_SESSION_TTL_SECONDS}s`)
      .sign(this.keys.signing.secret);
  }

  async verify(token: string): Promise<AuthenticatedUser> {
    try {
      const { payload } = await jwtVerify(
        token,
        (header: JWTHeaderParameters) => {
          const key = this.keys.find(header.kid);
          if (!key) throw new UnauthenticatedError('Unknown signing key');
          return key.secret;
        },
        { algorithms: ['HS256'], typ: 'JWT', issuer: this.issuer, audience: this.audience, requiredClaims: ['sub', 'exp', 'iat'] },
      );
      const roles = Array.isArray(payload.roles) ? payload.roles.filter(isRole) : [];
      return { id: payload.sub!, email: typeof payload.email === 'string' ? payload.email : '', roles };
    } catch (error) {
      if (error instanceof errors.JOSEError || error instanceof UnauthenticatedError) {
        throw new UnauthenticatedError('The admin session is invalid or expired; sign in again at /admin/login.');
      }
      throw error;
    }
  }
}
