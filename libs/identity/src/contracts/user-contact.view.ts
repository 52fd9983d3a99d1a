/** Where to reach a user: what GetUserContactQuery answers. */
export interface UserContact {
  userId: string;
  email: string;
  name: string;
}
