import { Query } from '@nestjs/cqrs';

export interface UserContact {
  userId: string;
  email: string;
  name: string;
}

/** Where to reach a user (for notifications). Resolves to null when the user no longer exists. */
export class GetUserContactQuery extends Query<UserContact | null> {
  constructor(readonly userId: string) {
    super();
  }
}
