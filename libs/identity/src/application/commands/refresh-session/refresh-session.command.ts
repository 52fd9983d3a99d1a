import { Command } from '@nestjs/cqrs';
import type { TokenPair } from '../../views/token-pair.view';

export class RefreshSessionCommand extends Command<TokenPair> {
  constructor(readonly refreshToken: string) {
    super();
  }
}
