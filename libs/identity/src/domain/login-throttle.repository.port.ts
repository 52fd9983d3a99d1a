import type { LoginThrottle } from './login-throttle.entity';

export const LOGIN_THROTTLE_REPOSITORY = Symbol('LoginThrottleRepository');

export interface LoginThrottleRepository {
  find(accountKey: string): Promise<LoginThrottle | null>;
  /** The throttle, created when missing, locked for update until the transaction ends (concurrent failures serialise). */
  lockOrStart(accountKey: string, now: Date): Promise<LoginThrottle>;
  save(throttle: LoginThrottle): Promise<void>;
  /** Forgets the failures under this one key (a client's, after it proved the password). */
  clear(accountKey: string): Promise<void>;
  /** Forgets every throttle of an account: its own key and every `<accountKey>:<client>` key (password reset). */
  clearAccount(accountKey: string): Promise<void>;
  /** Deletes throttles with no failure since `before` and no running lock; keeps the table small. */
  purgeIdle(before: Date, now: Date): Promise<void>;
}
