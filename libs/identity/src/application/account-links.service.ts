import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { AccountLinkKind } from '../contracts';
import {
  ACCOUNT_TOKEN_REPOSITORY,
  ACCOUNT_TOKEN_TTL_SECONDS,
  type AccountTokenPurpose,
  type AccountTokenRepository,
  InvalidAccountTokenError,
} from '../domain';
import { IdentityConfig } from '../identity.environment';

export const hashAccountToken = (token: string) => createHash('sha256').update(token).digest('hex');

const PURPOSE_OF: Record<AccountLinkKind, AccountTokenPurpose> = {
  'verify-email': 'email-verification',
  'reset-password': 'password-reset',
};

/**
 * Mints and spends the one-time tokens behind account links. A token is 32
 * random bytes (base64url); only its SHA-256 is stored, so a database reader
 * cannot use a pending link. The link is `<PUBLIC_URL>/<kind>?token=…`: the
 * page there (the shop's, or the API's own account pages by default) posts the
 * token back to the API.
 */
@Injectable()
export class AccountLinks {
  private readonly publicUrl: string;

  constructor(
    @Inject(ACCOUNT_TOKEN_REPOSITORY) private readonly tokens: AccountTokenRepository,
    config: IdentityConfig,
  ) {
    this.publicUrl = publicUrlOf(config);
    const untyped = config as unknown as { get(key: string): unknown };
    if (untyped.get('NODE_ENV') === 'production' && !untyped.get('PUBLIC_URL') && !untyped.get('PUBLIC_BASE_URL')) {
      // Not fatal (a process that sends no account email does not care), but every emailed link would be useless.
      new Logger(AccountLinks.name).warn(`PUBLIC_URL and PUBLIC_BASE_URL are unset: account email links point to ${this.publicUrl}`);
    }
  }

  async issue(userId: string, kind: AccountLinkKind, now = new Date()): Promise<{ url: string; validForMinutes: number }> {
    const purpose = PURPOSE_OF[kind];
    const token = randomBytes(32).toString('base64url');
    const ttlSeconds = ACCOUNT_TOKEN_TTL_SECONDS[purpose];
    await this.tokens.insert({
      id: randomUUID(),
      userId,
      purpose,
      tokenHash: hashAccountToken(token),
      expiresAt: new Date(now.getTime() + ttlSeconds * 1000),
      createdAt: now,
    });
    const url = new URL(`${this.publicUrl}/${kind}`);
    url.searchParams.set('token', token);
    return { url: url.toString(), validForMinutes: ttlSeconds / 60 };
  }

  /** The user the token belongs to, spending it; InvalidAccountTokenError when unknown, used or expired. */
  async consume(kind: AccountLinkKind, token: string, now = new Date()): Promise<string> {
    const userId = await this.tokens.consume(PURPOSE_OF[kind], hashAccountToken(token), now);
    if (!userId) throw new InvalidAccountTokenError();
    return userId;
  }

  /** Spends the user's other pending links of this kind (e.g. every reset link once one was used). */
  spendAll(userId: string, kind: AccountLinkKind, now = new Date()): Promise<void> {
    return this.tokens.spendAllForUser(userId, PURPOSE_OF[kind], now);
  }
}

/** PUBLIC_URL without a trailing slash; by default the API's own address (PUBLIC_BASE_URL, else http://localhost:PORT). */
export function publicUrlOf(config: IdentityConfig): string {
  const untyped = config as unknown as { get(key: string): unknown };
  const explicit = config.get('PUBLIC_URL', { infer: true }) ?? (untyped.get('PUBLIC_BASE_URL') as string | undefined);
  const url = explicit ?? `http://localhost:${String(untyped.get('PORT') ?? 3000)}`;
  return url.replace(/\/+$/, '');
}
