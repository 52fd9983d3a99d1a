import { Inject, Injectable, Logger } from '@nestjs/common';
import { Propagation, Transactional } from '@nestjs-cls/transactional';
import { createHash, randomBytes } from 'node:crypto';
import {
  AccountLockedError,
  LOGIN_DEVICE_REPOSITORY,
  LOGIN_THROTTLE_REPOSITORY,
  loginAccountKey,
  loginClientKey,
  type LockoutPolicy,
  type LoginDeviceRepository,
  type LoginThrottleRepository,
} from '../domain';
import { IdentityConfig } from '../identity.environment';
import { loginAccountFloods, loginFailures, loginThrottled } from './login.metrics';

/** Idle throttles (no failure for this long, no running lock) are deleted as new failures come in. */
const PURGE_AFTER_MS = 24 * 3600 * 1000;
/** A device that has not logged into an account for this long is a stranger to it again (the cookie lives as long). */
export const KNOWN_DEVICE_DAYS = 180;
const KNOWN_DEVICE_MS = KNOWN_DEVICE_DAYS * 24 * 3600 * 1000;

/** Who is attempting: the client address, and the device id of a valid device cookie if it sent one. */
export interface LoginClient {
  ip: string;
  deviceId?: string;
}

/** One attempt admitted past the locks: what to count if it fails, and what to remember if it succeeds. */
export interface LoginAttempt {
  readonly email: string;
  readonly client: LoginClient;
  /** The device logged into this account before: only its own failures can lock it out. */
  readonly knownDevice: boolean;
}

const deviceHashOf = (deviceId: string) => createHash('sha256').update(deviceId).digest('hex');

/**
 * Lockouts that protect the owner, not the attacker (ADR 0013). Only
 * well-formed attempts with a wrong password reach here (malformed requests
 * are 400s before any handler runs). Two kinds of throttle, both in PostgreSQL
 * so every API instance shares them, both keyed by hashes of the email as
 * typed, so unknown emails behave exactly like registered ones:
 *
 * - per client and account: a client (a known device by its device cookie,
 *   anyone else by IP) that fails LOGIN_LOCKOUT_THRESHOLD times is locked out
 *   of that account with exponential backoff; other clients are not;
 * - per account, for strangers only: failures from clients that never logged
 *   into the account add up, and past LOGIN_FLOOD_THRESHOLD every such client
 *   is slowed down together (a distributed attack), logged and counted for the
 *   alert. A device that logged into the account before is never subject to it.
 *
 * The owner can always clear every lock of the account with a password reset
 * (`unlockAccount`).
 */
@Injectable()
export class LoginLockout {
  private readonly logger = new Logger(LoginLockout.name);
  private readonly clientPolicy: LockoutPolicy;
  private readonly floodPolicy: LockoutPolicy;

  constructor(
    @Inject(LOGIN_THROTTLE_REPOSITORY) private readonly throttles: LoginThrottleRepository,
    @Inject(LOGIN_DEVICE_REPOSITORY) private readonly devices: LoginDeviceRepository,
    config: IdentityConfig,
  ) {
    const lock = {
      windowSeconds: config.get('LOGIN_LOCKOUT_WINDOW_SECONDS', { infer: true }),
      baseLockSeconds: config.get('LOGIN_LOCKOUT_BASE_SECONDS', { infer: true }),
      maxLockSeconds: config.get('LOGIN_LOCKOUT_MAX_SECONDS', { infer: true }),
    };
    this.clientPolicy = { ...lock, threshold: config.get('LOGIN_LOCKOUT_THRESHOLD', { infer: true }) };
    this.floodPolicy = { ...lock, threshold: config.get('LOGIN_FLOOD_THRESHOLD', { infer: true }) };
  }

  /**
   * Lets the attempt through, or throws AccountLockedError (429, Retry-After)
   * while this client, or (for a client the account does not know) the
   * account as a whole, is locked. `userId` is the account the email names, if any.
   */
  async admit(email: string, userId: string | undefined, client: LoginClient): Promise<LoginAttempt> {
    const now = new Date();
    const knownDevice =
      userId !== undefined &&
      client.deviceId !== undefined &&
      (await this.devices.isKnown(userId, deviceHashOf(client.deviceId), new Date(now.getTime() - KNOWN_DEVICE_MS)));
    const attempt = { email, client, knownDevice };
    const own = await this.throttles.find(this.clientKeyOf(attempt));
    const ownLock = own?.lockedForSeconds(now) ?? 0;
    if (ownLock > 0) {
      loginThrottled.inc({ scope: 'client' });
      throw new AccountLockedError(ownLock);
    }
    if (!knownDevice) {
      const flood = await this.throttles.find(loginAccountKey(email));
      const floodLock = flood?.lockedForSeconds(now) ?? 0;
      if (floodLock > 0) {
        loginThrottled.inc({ scope: 'account' });
        throw new AccountLockedError(floodLock);
      }
    }
    return attempt;
  }

  /**
   * Counts a wrong password against the client and, for a stranger, against the
   * account. Its own transaction: the failure must be recorded even though the
   * request that caused it fails and rolls back.
   */
  @Transactional(Propagation.RequiresNew)
  async recordFailure(attempt: LoginAttempt): Promise<void> {
    const now = new Date();
    loginFailures.inc();
    const own = await this.throttles.lockOrStart(this.clientKeyOf(attempt), now);
    const ownLock = own.recordFailure(now, this.clientPolicy);
    await this.throttles.save(own);
    if (ownLock > 0) {
      // Keys are hashes: the log names no email (registered or not) and no address.
      this.logger.warn(
        { throttleKey: own.accountKey.slice(0, 12), lockedFor: ownLock, lockouts: own.lockouts },
        'Client locked out of an account after repeated failed logins',
      );
    }
    if (!attempt.knownDevice) {
      const flood = await this.throttles.lockOrStart(loginAccountKey(attempt.email), now);
      const floodLock = flood.recordFailure(now, this.floodPolicy);
      await this.throttles.save(flood);
      if (floodLock > 0) {
        loginAccountFloods.inc();
        this.logger.warn(
          { accountKey: flood.accountKey.slice(0, 12), lockedFor: floodLock, lockouts: flood.lockouts },
          'Login flood against one account: clients that never logged into it are slowed down; its known devices are not',
        );
      }
    }
    await this.throttles.purgeIdle(new Date(now.getTime() - PURGE_AFTER_MS), now);
  }

  /**
   * After the password was proved: forgets this client's failures and remembers
   * its device for the account (joins the caller's transaction). Returns the
   * device id to keep in the device cookie (a new one when the client had none).
   * The account-wide flood counter stays: the owner logging in does not
   * switch off the slow-down of an attack still under way.
   */
  async recordSuccess(attempt: LoginAttempt, userId: string): Promise<string> {
    const now = new Date();
    await this.throttles.clear(this.clientKeyOf(attempt));
    const deviceId = attempt.client.deviceId ?? randomBytes(16).toString('base64url');
    await this.devices.remember(userId, deviceHashOf(deviceId), now, new Date(now.getTime() - KNOWN_DEVICE_MS));
    return deviceId;
  }

  /**
   * Clears every lock and counter of the account, for every client. The owner's
   * way out: the password-reset confirm calls this (joins the caller's transaction).
   */
  async unlockAccount(email: string): Promise<void> {
    await this.throttles.clearAccount(loginAccountKey(email));
  }

  private clientKeyOf(attempt: LoginAttempt): string {
    // A stranger is keyed by address, never by a cookie it chose: fresh cookies must not buy fresh budgets.
    const client = attempt.knownDevice && attempt.client.deviceId ? `device:${attempt.client.deviceId}` : `ip:${attempt.client.ip}`;
    return loginClientKey(attempt.email, client);
  }
}
