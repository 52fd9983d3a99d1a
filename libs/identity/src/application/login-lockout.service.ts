import { Inject, Injectable, Logger } from '@nestjs/common';
import { Propagation, Transactional } from '@nestjs-cls/transactional';
import {
  AccountLockedError,
  LOGIN_THROTTLE_REPOSITORY,
  loginAccountKey,
  type LockoutPolicy,
  type LoginThrottleRepository,
} from '../domain';
import { IdentityConfig } from '../identity.environment';

/** Idle throttles (no failure for this long, no running lock) are deleted as new failures come in. */
const PURGE_AFTER_MS = 24 * 3600 * 1000;

/**
 * Account lockout with exponential backoff, shared by every API instance
 * (the counters live in PostgreSQL). Keyed by the email as typed, so unknown
 * emails lock exactly like registered ones.
 */
@Injectable()
export class LoginLockout {
  private readonly logger = new Logger(LoginLockout.name);
  private readonly policy: LockoutPolicy;

  constructor(
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttles: LoginThrottleRepository,
    config: IdentityConfig,
  ) {
    this.policy = {
      threshold: config.get('LOGIN_LOCKOUT_THRESHOLD', { infer: true }),
      windowSeconds: config.get('LOGIN_LOCKOUT_WINDOW_SECONDS', { infer: true }),
      baseLockSeconds: config.get('LOGIN_LOCKOUT_BASE_SECONDS', { infer: true }),
      maxLockSeconds: config.get('LOGIN_LOCKOUT_MAX_SECONDS', { infer: true }),
    };
  }

  /** Throws AccountLockedError (429, Retry-After) while the email is locked. */
  async assertNotLocked(email: string): Promise<void> {
    const throttle = await this.throttles.find(loginAccountKey(email));
    const seconds = throttle?.lockedForSeconds(new Date()) ?? 0;
    if (seconds > 0) throw new AccountLockedError(seconds);
  }

  /**
   * Counts a wrong password. Its own transaction: the failure must be recorded
   * even though the request that caused it fails and rolls back.
   */
  @Transactional(Propagation.RequiresNew)
  async recordFailure(email: string): Promise<void> {
    const now = new Date();
    const throttle = await this.throttles.lockOrStart(loginAccountKey(email), now);
    const lockedFor = throttle.recordFailure(now, this.policy);
    await this.throttles.save(throttle);
    await this.throttles.purgeIdle(new Date(now.getTime() - PURGE_AFTER_MS), now);
    if (lockedFor > 0) {
      // The key is a hash: the log names no email, registered or not.
      this.logger.warn(
        { accountKey: throttle.accountKey.slice(0, 12), lockedFor, lockouts: throttle.lockouts },
        'Account locked after repeated failed logins',
      );
    }
  }

  /** Forgets the failures of an email after it proved its password (joins the caller's transaction). */
  async clear(email: string): Promise<void> {
    await this.throttles.clear(loginAccountKey(email));
  }
}
