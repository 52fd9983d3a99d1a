import { Command } from '@nestjs/cqrs';

/** Answers nothing: a new and a taken address must look the same to the caller. */
export class RegisterUserCommand extends Command<void> {
  constructor(
    readonly email: string,
    readonly password: string,
    readonly name: string,
  ) {
    super();
  }
}
