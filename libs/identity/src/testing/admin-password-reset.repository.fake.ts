import type { AdminPasswordResetRepository } from '../domain';

/** AdminPasswordResetRepository in memory. */
export class InMemoryAdminPasswordResetRepository implements AdminPasswordResetRepository {
  private readonly applied = new Map<string, string>();

  async findAppliedHash(userId: string): Promise<string | null> {
    return this.applied.get(userId) ?? null;
  }

  async recordApplied(userId: string, passwordHash: string): Promise<void> {
    this.applied.set(userId, passwordHash);
  }
}
