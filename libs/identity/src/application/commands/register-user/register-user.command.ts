import { Command } from '@nestjs/cqrs';
import type { UserView } from '../../views/user.view';

export class RegisterUserCommand extends Command<UserView> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly name: string,
  ) {
    super();
  }
}
