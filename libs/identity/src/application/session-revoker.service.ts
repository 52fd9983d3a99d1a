import { Inject, Injectable } from '@nestjs/common';
import { AccessTokenRevocations, AccessTokenService } from '@keel/http';
import { REFRESH_TOKEN_REPOSITORY, type RefreshTokenRepository } from '../domain';

/**
 * Ends sessions everywhere at once: the refresh tokens in PostgreSQL (joins the
 * caller's transaction) and the access tokens already handed out, which every
 * API instance refuses within a second (AccessTokenRevocations, in Redis).
 * Logout, password change, refresh-token theft and the password-reset confirm
 * go through here.
 */
@Injectable()
export class SessionRevoker {
  constructor(
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    private readonly revocations: AccessTokenRevocations,
    private readonly accessTokens: AccessTokenService,
  ) {}

  /** Ends one session (a refresh-token family) and its access tokens. */
  async endSession(familyId: string, now = new Date()): Promise<void> {
    await this.tokens.revokeFamily(familyId, now);
    await this.revocations.revokeSessions([familyId]);
  }

  /** Ends every session of the user (password change or reset) and every access token still alive. */
  async endAllSessions(userId: string, now = new Date()): Promise<void> {
    // Access tokens live one TTL: only families that issued one since then can have a live token.
    const since = new Date(now.getTime() - this.accessTokens.ttlSeconds * 1000 - 1000);
    const families = await this.tokens.familiesIssuedSince(userId, since);
    await this.tokens.revokeAllForUser(userId, now);
    await this.revocations.revokeSessions(families);
  }
}
