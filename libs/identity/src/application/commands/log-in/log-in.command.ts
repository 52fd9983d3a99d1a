import { Command } from '@nestjs/cqrs';
import type { TokenPair } from '../../views/token-pair.view';

export class LogInCommand extends Command<TokenPair> {
  constructor(
    readonly email: string,
    readonly password: string,
  ) {
    super();
  }
}
