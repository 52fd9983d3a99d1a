import { Inject, Injectable } from '@nestjs/common';
import { REFRESH_TOKEN_REPOSITORY, type RefreshTokenRepository } from '../domain';

/**
 * Ends every session of a user: the one place that says what "log out everywhere"
 * means, used by the password reset. Today it revokes every refresh token; the
 * access-token revocation ("valid after", issue 15 point 5) belongs here too, so
 * each caller gets it at once.
 */
@Injectable()
export class UserSessions {
  constructor(@Inject(REFRESH_TOKEN_REPOSITORY) private readonly refreshTokens: RefreshTokenRepository) {}

  async endAll(userId: string, now: Date): Promise<void> {
    await this.refreshTokens.revokeAllForUser(userId, now);
  }
}
