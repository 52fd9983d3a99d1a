export const LOGIN_DEVICE_REPOSITORY = Symbol('LoginDeviceRepository');

/**
 * Devices (by the hash of their device-cookie id) that logged into an account
 * with its password: failures from other clients never lock them out (ADR 0013).
 */
export interface LoginDeviceRepository {
  /** Whether the device logged into the user's account after `since`. */
  isKnown(userId: string, deviceHash: string, since: Date): Promise<boolean>;
  /** Records a successful login of the device (insert or refresh), and forgets the user's devices unseen since `forgetBefore`. */
  remember(userId: string, deviceHash: string, now: Date, forgetBefore: Date): Promise<void>;
}
