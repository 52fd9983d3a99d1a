import { Command } from '@nestjs/cqrs';

export class LogOutCommand extends Command<void> {
  constructor(
    readonly userId: string,
    readonly refreshToken: string,
  ) {
    super();
  }
}
