export const ACCOUNT_LINK_ISSUER = Symbol('AccountLinkIssuer');

export type AccountLinkKind = 'verify-email' | 'reset-password';

/** A one-time link to put in an account email, and the address to send it to. */
export interface IssuedAccountLink {
  email: string;
  url: string;
  validForMinutes: number;
}

/** Mints account links (the adapter asks the identity context, which keeps the tokens, hashed). */
export interface AccountLinkIssuer {
  /** Null when there is nothing to send any more (user gone, or address verified meanwhile). */
  issue(userId: string, kind: AccountLinkKind): Promise<IssuedAccountLink | null>;
}
