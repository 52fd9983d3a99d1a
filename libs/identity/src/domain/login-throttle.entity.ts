import { createHash } from 'node:crypto';

/** When repeated password failures lock an account, and for how long. */
export interface LockoutPolicy {
  /** Failures within `windowSeconds` that lock the account. */
  threshold: number;
  windowSeconds: number;
  /** The first lock; each further lock doubles it, up to `maxLockSeconds`. */
  baseLockSeconds: number;
  maxLockSeconds: number;
}

export interface LoginThrottleProps {
  failures: number;
  windowStartedAt: Date;
  lastFailureAt: Date;
  lockedUntil: Date | null;
  /** Locks so far; forgotten after a successful login or a quiet day. */
  lockouts: number;
}

/** After a day without failures an account starts from a clean slate (the lock period shrinks back). */
const FORGET_AFTER_MS = 24 * 3600 * 1000;

/**
 * The key of an account's throttle: a hash of the normalised email as typed,
 * whether or not an account exists for it. Attempts on an unknown email are
 * counted and locked exactly like attempts on a real one, so lockout never
 * reveals which emails are registered, and no raw email is stored for
 * addresses nobody registered.
 */
export function loginAccountKey(rawEmail: string): string {
  return createHash('sha256').update(rawEmail.trim().toLowerCase()).digest('hex');
}

/**
 * The key of one client's throttle on one account: the account key, a colon,
 * and a hash of the client (`device:<id>` for a device that logged into the
 * account before, `ip:<address>` otherwise). The prefix lets a password reset
 * clear every throttle of the account at once.
 */
export function loginClientKey(rawEmail: string, client: string): string {
  return `${loginAccountKey(rawEmail)}:${createHash('sha256').update(client).digest('hex').slice(0, 32)}`;
}

/**
 * Failed-password bookkeeping for one account key (OWASP authentication
 * cheat sheet: lockout with exponential backoff). A locked account refuses
 * every attempt, right or wrong, until the lock ends; the failure that reaches
 * the threshold starts a lock of base × 2^(locks so far), capped.
 */
export class LoginThrottle {
  private constructor(
    readonly accountKey: string,
    private props: LoginThrottleProps,
  ) {}

  static start(accountKey: string, now: Date): LoginThrottle {
    return new LoginThrottle(accountKey, { failures: 0, windowStartedAt: now, lastFailureAt: now, lockedUntil: null, lockouts: 0 });
  }

  static restore(accountKey: string, props: LoginThrottleProps): LoginThrottle {
    return new LoginThrottle(accountKey, { ...props });
  }

  get failures(): number {
    return this.props.failures;
  }
  get windowStartedAt(): Date {
    return this.props.windowStartedAt;
  }
  get lastFailureAt(): Date {
    return this.props.lastFailureAt;
  }
  get lockedUntil(): Date | null {
    return this.props.lockedUntil;
  }
  get lockouts(): number {
    return this.props.lockouts;
  }

  /** Whole seconds until attempts are accepted again; 0 when not locked. */
  lockedForSeconds(now: Date): number {
    const until = this.props.lockedUntil;
    return until && until > now ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 0;
  }

  /** Records a wrong password; returns the lock in seconds it started, or 0. */
  recordFailure(now: Date, policy: LockoutPolicy): number {
    if (this.lockedForSeconds(now) > 0) return 0; // attempts are refused before they get here
    if (now.getTime() - this.props.lastFailureAt.getTime() > FORGET_AFTER_MS) {
      this.props = { ...this.props, failures: 0, lockouts: 0, windowStartedAt: now };
    } else if (now.getTime() - this.props.windowStartedAt.getTime() > policy.windowSeconds * 1000) {
      this.props = { ...this.props, failures: 0, windowStartedAt: now };
    }
    const failures = this.props.failures + 1;
    this.props = { ...this.props, failures, lastFailureAt: now };
    if (failures < policy.threshold) return 0;
    const lockSeconds = Math.min(policy.baseLockSeconds * 2 ** this.props.lockouts, policy.maxLockSeconds);
    this.props = {
      ...this.props,
      failures: 0,
      windowStartedAt: now,
      lockouts: this.props.lockouts + 1,
      lockedUntil: new Date(now.getTime() + lockSeconds * 1000),
    };
    return lockSeconds;
  }
}
