import { RefreshToken, type RefreshTokenProps, type RefreshTokenRepository } from '../domain';

const propsOf = (t: RefreshToken): RefreshTokenProps => ({
  userId: t.userId,
  familyId: t.familyId,
  tokenHash: t.tokenHash,
  expiresAt: t.expiresAt,
  createdAt: t.createdAt,
  spentAt: t.spentAt,
  revokedAt: t.revokedAt,
  sealedSuccessor: t.sealedSuccessor,
});

/** RefreshTokenRepository in memory, with the same conditional updates as the SQL one. */
export class InMemoryRefreshTokenRepository implements RefreshTokenRepository {
  private readonly byId = new Map<string, RefreshToken>();

  all(): RefreshToken[] {
    return [...this.byId.values()];
  }

  async findByHash(tokenHash: string): Promise<RefreshToken | null> {
    return this.all().find((t) => t.tokenHash === tokenHash) ?? null;
  }

  async insert(token: RefreshToken): Promise<void> {
    this.byId.set(token.id, token);
  }

  async markSpent(id: string, now: Date): Promise<boolean> {
    const token = this.byId.get(id);
    if (!token || token.spentAt || token.revokedAt) return false;
    this.byId.set(id, RefreshToken.restore(id, { ...propsOf(token), spentAt: now }));
    return true;
  }

  async recordSuccessor(id: string, sealedSuccessor: string): Promise<void> {
    const token = this.byId.get(id);
    if (token) this.byId.set(id, RefreshToken.restore(id, { ...propsOf(token), sealedSuccessor }));
  }

  async familiesIssuedSince(userId: string, since: Date): Promise<string[]> {
    return [
      ...new Set(
        this.all()
          .filter((t) => t.userId === userId && t.createdAt > since)
          .map((t) => t.familyId),
      ),
    ];
  }

  async revokeFamily(familyId: string, now: Date): Promise<void> {
    this.revokeWhere((t) => t.familyId === familyId, now);
  }

  async revokeAllForUser(userId: string, now: Date): Promise<void> {
    this.revokeWhere((t) => t.userId === userId, now);
  }

  private revokeWhere(match: (t: RefreshToken) => boolean, now: Date): void {
    for (const token of this.all()) {
      if (match(token) && !token.revokedAt) this.byId.set(token.id, RefreshToken.restore(token.id, { ...propsOf(token), revokedAt: now }));
    }
  }
}
