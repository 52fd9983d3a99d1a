import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@keel/kernel';
import { AccessTokenService } from '@keel/http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { REFRESH_TOKEN_REPOSITORY, RefreshToken, type RefreshTokenRepository, type User } from '../domain';
import type { TokenPair } from './views/token-pair.view';

/** 256 bits of randomness: refresh tokens are bearer secrets, not guessable ids. */
const newOpaqueToken = () => randomBytes(32).toString('base64url');

/**
 * Refresh tokens are stored and looked up by their SHA-256. That also makes the
 * lookup safe against timing attacks without a timingSafeEqual: how long the
 * index search takes depends on the hash of the presented token, and nobody
 * can choose a token whose hash shares a prefix with a stored one.
 */
export const hashRefreshToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Issues an access token plus a new refresh token in the given family (used by login and refresh). */
@Injectable()
export class SessionIssuer {
  private readonly refreshTtlSeconds: number;

  constructor(
    private readonly accessTokens: AccessTokenService,
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly refreshTokens: RefreshTokenRepository,
    config: AppConfig,
  ) {
    this.refreshTtlSeconds = config.get('REFRESH_TOKEN_TTL_SECONDS', { infer: true });
  }

  async issue(user: User, familyId: string, now: Date): Promise<TokenPair> {
    const refreshToken = newOpaqueToken();
    await this.refreshTokens.insert(
      RefreshToken.issue({
        id: randomUUID(),
        userId: user.id,
        familyId,
        tokenHash: hashRefreshToken(refreshToken),
        now,
        ttlSeconds: this.refreshTtlSeconds,
      }),
    );
    // The family is the session: ending it (logout, theft) also ends its access tokens (SessionRevoker).
    const accessToken = await this.accessTokens.issue({ id: user.id, email: user.email.value, roles: user.roles }, familyId);
    return { accessToken, refreshToken, tokenType: 'Bearer', expiresIn: this.accessTokens.ttlSeconds };
  }
}
