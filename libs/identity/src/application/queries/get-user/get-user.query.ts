import { Query } from '@nestjs/cqrs';
import type { UserView } from '../../views/user.view';

export class GetUserQuery extends Query<UserView> {
  constructor(readonly userId: string) {
    super();
  }
}
