import type { PasswordHasher } from '../application';

/** A transparent, instant "hash" (`hashed:<plain>`), so specs can arrange users with a known password. */
export class FakePasswordHasher implements PasswordHasher {
  /** How many times the timing equaliser ran (a login for an unknown email must run it). */
  dummyVerifications = 0;

  static hashOf(plain: string): string {
    return `hashed:${plain}`;
  }

  async hash(plain: string): Promise<string> {
    return FakePasswordHasher.hashOf(plain);
  }

  async verify(hash: string, plain: string): Promise<boolean> {
    return hash === FakePasswordHasher.hashOf(plain);
  }

  async verifyAgainstDummy(): Promise<void> {
    this.dummyVerifications++;
  }
}
