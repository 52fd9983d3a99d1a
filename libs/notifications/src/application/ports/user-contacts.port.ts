export const USER_CONTACTS = Symbol('UserContacts');

/** Where to reach a user. */
export interface UserContact {
  userId: string;
  email: string;
  name: string;
  /** Order emails go only to verified addresses. */
  emailVerified: boolean;
}

/** The users' contact details as notifications sees them (the adapter asks the identity context). */
export interface UserContacts {
  /** Null when the user no longer exists. */
  findContact(userId: string): Promise<UserContact | null>;
}
