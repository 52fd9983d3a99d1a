import { Inject, Logger } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { Propagation, Transactional } from '@nestjs-cls/transactional';
import { ManualTransactionCommandHandler } from '@keel/messaging';
import {
  InvalidRefreshTokenError,
  REFRESH_TOKEN_REPOSITORY,
  type RefreshToken,
  type RefreshTokenRepository,
  USER_REPOSITORY,
  type UserRepository,
} from '../../../domain';
import { IdentityConfig } from '../../../identity.environment';
import { hashRefreshToken, SessionIssuer } from '../../session-issuer.service';
import { SessionRevoker } from '../../session-revoker.service';
import { openSuccessor, sealSuccessor } from '../../session-successor.seal';
import type { TokenPair } from '../../views/token-pair.view';
import { RefreshSessionCommand } from './refresh-session.command';

type Outcome = { kind: 'rotated'; pair: TokenPair } | { kind: 'reused'; familyId: string } | { kind: 'invalid' };

/**
 * Rotation with re-use detection (OAuth 2.0 Security BCP §4.14): a refresh
 * token works once; presenting a spent one means it leaked, so the whole
 * family is revoked (refresh and access tokens) and every holder must log in
 * again. Except within REFRESH_TOKEN_REUSE_GRACE_SECONDS of its rotation: then
 * it is the same client racing itself (two tabs, a retry after a lost
 * response), and it gets the very pair the rotation issued, so nobody is
 * logged out and no second live token appears.
 */
@ManualTransactionCommandHandler(RefreshSessionCommand)
export class RefreshSessionHandler implements ICommandHandler<RefreshSessionCommand> {
  private readonly logger = new Logger(RefreshSessionHandler.name);
  private readonly graceSeconds: number;

  constructor(
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    @Inject(USER_REPOSITORY) private readonly users: UserRepository,
    private readonly sessions: SessionIssuer,
    private readonly revoker: SessionRevoker,
    config: IdentityConfig,
  ) {
    this.graceSeconds = config.get('REFRESH_TOKEN_REUSE_GRACE_SECONDS', { infer: true });
  }

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
  private async rotate(refreshToken: string): Promise<Outcome> {
    const now = new Date();
    const tokenHash = hashRefreshToken(refreshToken);
    const token = await this.tokens.findByHash(tokenHash);
    if (!token) return { kind: 'invalid' };
    const check = token.checkForRotation(now, this.graceSeconds);
    if (check !== 'usable') return this.representation(token, check, refreshToken);
    // Concurrent refreshes with one token: one wins the conditional update; the others wait on its row lock
    // until it commits, then read the spent token with its successor and get the same pair (grace).
    if (!(await this.tokens.markSpent(token.id, now))) {
      const after = await this.tokens.findByHash(tokenHash);
      return after ? this.representation(after, after.checkForRotation(new Date(), this.graceSeconds), refreshToken) : { kind: 'invalid' };
    }
    const user = await this.users.findById(token.userId);
    if (!user) return { kind: 'invalid' };
    const pair = await this.sessions.issue(user, token.familyId, now);
    await this.tokens.recordSuccessor(token.id, sealSuccessor(refreshToken, pair));
    return { kind: 'rotated', pair };
  }

  /** What presenting an already rotated (or otherwise unusable) token gets. */
  private representation(token: RefreshToken, check: ReturnType<RefreshToken['checkForRotation']>, refreshToken: string): Outcome {
    if (check === 'grace') {
      const pair = openSuccessor(refreshToken, token.sealedSuccessor ?? '');
      if (pair) return { kind: 'rotated', pair };
    }
    if (check === 'grace' || check === 'reused') return { kind: 'reused', familyId: token.familyId };
    return { kind: 'invalid' };
  }

  @Transactional(Propagation.RequiresNew)
  private async revokeFamily(familyId: string): Promise<void> {
    await this.revoker.endSession(familyId);
  }
}
