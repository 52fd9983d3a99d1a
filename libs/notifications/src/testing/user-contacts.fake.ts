import type { UserContact, UserContacts } from '../application';

/** UserContacts in memory: the users identity "has". */
export class FakeUserContacts implements UserContacts {
  private readonly contacts = new Map<string, UserContact>();

  with(...contacts: UserContact[]): this {
    for (const contact of contacts) this.contacts.set(contact.userId, contact);
    return this;
  }

  async findContact(userId: string): Promise<UserContact | null> {
    return this.contacts.get(userId) ?? null;
  }
}
