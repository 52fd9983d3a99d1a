import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { decodeCursor, type Page, toPage } from '@keel/http';
import { USER_REPOSITORY, type UserRepository } from '../../../domain';
import { toUserView, type UserView } from '../../views/user.view';
import { ListUsersQuery } from './list-users.query';

@QueryHandler(ListUsersQuery)
export class ListUsersHandler implements IQueryHandler<ListUsersQuery> {
  constructor(@Inject(USER_REPOSITORY) private readonly users: UserRepository) {}

  async execute(query: ListUsersQuery): Promise<Page<UserView>> {
    const rows = await this.users.list({ limit: query.limit + 1, after: decodeCursor(query.cursor) });
    return toPage(
      rows.map((user) => ({ user, createdAt: user.createdAt, id: user.id })),
      query.limit,
      (row) => toUserView(row.user),
    );
  }
}
