import { Inject, Logger } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Propagation, Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import {
  InvalidRefreshTokenError,
  REFRESH_TOKEN_REPOSITORY,
  type RefreshTokenRepository,
  USER_REPOSITORY,
  type UserRepository,
} from '../../../domain';
import { hashRefreshToken, SessionIssuer } from '../../session-issuer.service';
import type { TokenPair } from '../../views/token-pair.view';
import { RefreshSessionCommand } from './refresh-session.command';

/**
 * Rotation with re-use detection (OAuth 2.0 Security BCP §4.14): a refresh
 * token works once; presenting a spent one means it leaked, so the whole
 * family is revoked and every holder must log in again.
 */
@ManualTransactionCommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  private readonly logger = new Logger(RefreshSessionHandler.name);

  constructor(
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly sessions: SessionIssuer,
  ) {}

  async execute(command: RefreshSessionCommand): Promise<TokenPair> {
    const outcome = await this.rotate(command.refreshToken);
    if (outcome.kind === 'reused') {
      // Its own transaction: the revocation must stick even though the request fails.
      await this.revokeFamily(outcome.familyId);
      this.logger.warn({ familyId: outcome.familyId }, 'Refresh token re-use detected; token family revoked');
    }
    if (outcome.kind !== 'rotated') throw new InvalidRefreshTokenError();
    return outcome.pair;
  }

  @Transactional()
  private async rotate(
    refreshToken: string,
  ): Promise<{ kind: 'rotated'; pair: TokenPair } | { kind: 'reused'; familyId: string } | { kind: 'invalid' }> {
    const now = new Date();
    const token = await this.tokens.findByHash(hashRefreshToken(refreshToken));
    if (!token) return { kind: 'invalid' };
    const check = token.checkForRotation(now);
    if (check === 'reused') return { kind: 'reused', familyId: token.familyId };
    if (check !== 'usable') return { kind: 'invalid' };
    // Two concurrent refreshes with one token: only one wins the conditional update; the other is re-use.
    if (!(await this.tokens.markSpent(token.id, now))) return { kind: 'reused', familyId: token.familyId };
    const user = await this.users.findById(token.userId);
    if (!user) return { kind: 'invalid' };
    return { kind: 'rotated', pair: await this.sessions.issue(user, token.familyId, now) };
  }

  @Transactional(Propagation.RequiresNew)
  private async revokeFamily(familyId: string): Promise<void> {
    await this.tokens.revokeFamily(familyId, new Date());
  }
}
