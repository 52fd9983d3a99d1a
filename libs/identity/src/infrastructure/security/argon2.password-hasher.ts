import { Injectable, OnModuleInit } from '@nestjs/common';
import * as argon2 from 'argon2';
import { PasswordHasher } from '../../application';

/**
 * argon2id with OWASP's recommended floor (19 MiB, t=2, p=1). Hashing runs on
 * libuv's thread pool, so it does not block the event loop.
 */
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

@Injectable()
export class Argon2PasswordHasher implements PasswordHasher, OnModuleInit {
  private dummyHash = '';

  async onModuleInit(): Promise<void> {
    this.dummyHash = await argon2.hash('keel-timing-equaliser', OPTIONS);
  }

  hash(plain: string): Promise<string> {
    return argon2.hash(plain, OPTIONS);
  }

  async verify(hash: string, plain: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, plain);
    } catch {
      return false; // a malformed stored hash never authenticates
    }
  }

  async verifyAgainstDummy(plain: string): Promise<void> {
    await this.verify(this.dummyHash, plain);
  }
}
