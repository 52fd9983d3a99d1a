import type { AccountTokenPurpose, AccountTokenRepository, NewAccountToken } from '../domain';

/** AccountTokenRepository in memory, with the same single-use, unexpired condition as the SQL one. */
export class InMemoryAccountTokenRepository implements AccountTokenRepository {
  readonly rows: Array<NewAccountToken & { usedAt: Date | null }> = [];

  async insert(token: NewAccountToken): Promise<void> {
    this.rows.push({ ...token, usedAt: null });
  }

  async consume(purpose: AccountTokenPurpose, tokenHash: string, now: Date): Promise<string | null> {
    const row = this.rows.find((t) => t.purpose === purpose && t.tokenHash === tokenHash && !t.usedAt && t.expiresAt > now);
    if (!row) return null;
    row.usedAt = now;
    return row.userId;
  }

  async spendAllForUser(userId: string, purpose: AccountTokenPurpose, now: Date): Promise<void> {
    for (const row of this.rows) if (row.userId === userId && row.purpose === purpose && !row.usedAt) row.usedAt = now;
  }
}
