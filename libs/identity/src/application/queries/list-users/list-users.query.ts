import { Query } from '@nestjs/cqrs';
import type { Page } from '@keel/http';
import type { UserView } from '../../views/user.view';

export class ListUsersQuery extends Query<Page<UserView>> {
  constructor(
    readonly limit: number,
    readonly cursor?: string,
  ) {
    super();
  }
}
