import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { GetUserContactQuery, type UserContact } from '../../../contracts';
import { USER_REPOSITORY, type UserRepository } from '../../../domain';

@QueryHandler(GetUserContactQuery)
export class GetUserContactHandler implements IQueryHandler<GetUserContactQuery> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute(query: GetUserContactQuery): Promise<UserContact | null> {
    const user = await this.users.findById(query.userId);
    return user ? { userId: user.id, email: user.email.value, name: user.name, emailVerified: user.emailVerified } : null;
  }
}
