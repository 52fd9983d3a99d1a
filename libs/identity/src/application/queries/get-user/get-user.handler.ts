import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { USER_REPOSITORY, UserNotFoundError, type UserRepository } from '../../../domain';
import { GetUserQuery } from './get-user.query';
import { toUserView, type UserView } from '../../views/user.view';

@QueryHandler(GetUserQuery)
export class GetUserHandler implements IQueryHandler<GetUserQuery> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute(query: GetUserQuery): Promise<UserView> {
    const user = await this.users.findById(query.userId);
    if (!user) throw new UserNotFoundError();
    return toUserView(user);
  }
}
