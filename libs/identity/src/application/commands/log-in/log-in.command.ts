import { Command } from '@nestjs/cqrs';
import type { LoginClient } from '../../login-lockout.service';
import type { TokenPair } from '../../views/token-pair.view';

/** A session, and the device id the client keeps in its device cookie (ADR 0013). */
export interface LogInResult {
  pair: TokenPair;
  deviceId: string;
}

export class LogInCommand extends Command<LogInResult> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly client: LoginClient,
  ) {
    super();
  }
}
