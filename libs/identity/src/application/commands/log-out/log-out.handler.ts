import { Inject } from '@nestjs/common';
import { ICommandHandler } from '@nestjs/cqrs';
import { TransactionalCommandHandler } from '@keel/messaging';
import { REFRESH_TOKEN_REPOSITORY, type RefreshTokenRepository } from '../../../domain';
import { hashRefreshToken } from '../../session-issuer.service';
import { SessionRevoker } from '../../session-revoker.service';
import { LogOutCommand } from './log-out.command';

/**
 * Ends the session the refresh token belongs to (its whole family), and its
 * access tokens on every instance within a second. Idempotent:
 * logging out twice, or with an unknown token, is still a 204 and reveals nothing.
 */
@TransactionalCommandHandler(LogOutCommand)
export class LogOutHandler implements ICommandHandler<LogOutCommand> {
  constructor(
    @Inject(REFRESH_TOKEN_REPOSITORY) private readonly tokens: RefreshTokenRepository,
    private readonly revoker: SessionRevoker,
  ) {}

  async execute(command: LogOutCommand): Promise<void> {
    const token = await this.tokens.findByHash(hashRefreshToken(command.refreshToken));
    // Someone else's token is ignored: a user can only end their own sessions.
    if (!token || token.userId !== command.userId) return;
    await this.revoker.endSession(token.familyId);
  }
}
