/** Where to reach a user: what GetUserContactQuery answers. */
export interface UserContact {
  userId: string;
  email: string;
  name: string;
  /** False until the owner proved they read this address: send them nothing but account emails, and no orders. */
  emailVerified: boolean;
}
