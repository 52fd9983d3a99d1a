import type { Role } from '@keel/kernel';

/** What the auth guard attaches to the request after verifying an access token. */
export interface AuthenticatedUser {
  id: string;
  email: string;
  roles: Role[];
  /** The session (refresh-token family) the access token was issued to; absent on tokens issued before sessions were named. */
  sessionId?: string;
}
