import { Command } from '@nestjs/cqrs';

export class ResendVerificationEmailCommand extends Command<void> {
  constructor(readonly email: string) {
    super();
  }
}
