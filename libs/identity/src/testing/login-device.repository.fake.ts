import type { LoginDeviceRepository } from '../domain';

/** LoginDeviceRepository in memory. */
export class InMemoryLoginDeviceRepository implements LoginDeviceRepository {
  private readonly lastLogin = new Map<string, Date>();

  count(): number {
    return this.lastLogin.size;
  }

  async isKnown(userId: string, deviceHash: string, since: Date): Promise<boolean> {
    const at = this.lastLogin.get(`${userId}/${deviceHash}`);
    return at !== undefined && at > since;
  }

  async remember(userId: string, deviceHash: string, now: Date, forgetBefore: Date): Promise<void> {
    this.lastLogin.set(`${userId}/${deviceHash}`, now);
    for (const [key, at] of this.lastLogin) if (key.startsWith(`${userId}/`) && at < forgetBefore) this.lastLogin.delete(key);
  }
}
