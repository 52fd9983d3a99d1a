import type { AccountLinkIssuer, AccountLinkKind, IssuedAccountLink } from '../application';

/** AccountLinkIssuer in memory: numbered links for the users it knows, null for the others. */
export class FakeAccountLinkIssuer implements AccountLinkIssuer {
  readonly issued: Array<{ userId: string; kind: AccountLinkKind }> = [];
  private readonly emails = new Map<string, string>();

  with(userId: string, email: string): this {
    this.emails.set(userId, email);
    return this;
  }

  async issue(userId: string, kind: AccountLinkKind): Promise<IssuedAccountLink | null> {
    const email = this.emails.get(userId);
    if (!email) return null;
    this.issued.push({ userId, kind });
    return {
      email,
      url: `https://shop.example.com/${kind}?token=t${this.issued.length}`,
      validForMinutes: kind === 'verify-email' ? 1440 : 30,
    };
  }
}
