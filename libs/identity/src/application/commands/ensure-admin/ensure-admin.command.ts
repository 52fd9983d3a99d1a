import { Command } from '@nestjs/cqrs';

export class EnsureAdminCommand extends Command<'created' | 'updated'> {
  constructor(
    readonly email: string,
    readonly password: string,
  ) {
    super();
  }
}
