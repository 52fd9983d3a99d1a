import { Query } from '@nestjs/cqrs';
import type { UserContact } from './user-contact.view';

/** Where to reach a user (for notifications). Resolves to null when the user no longer exists. */
export class GetUserContactQuery extends Query<UserContact | null> {
  constructor(readonly userId: string) {
    super();
  }
}
