import { loginAccountKey, LoginThrottle, type LockoutPolicy } from './login-throttle.entity';

const policy: LockoutPolicy = { threshold: 3, windowSeconds: 600, baseLockSeconds: 60, maxLockSeconds: 200 };
const t0 = new Date('2026-01-01T00:00:00Z');
const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

function failTimes(throttle: LoginThrottle, times: number, start: number): number[] {
  return Array.from({ length: times }, (_, i) => throttle.recordFailure(at(start + i), policy));
}

describe('LoginThrottle', () => {
  it('When failures reach the threshold, then the account locks for the base period and unlocks after it', () => {
    const throttle = LoginThrottle.start('k', t0);
    expect(failTimes(throttle, 3, 0)).toEqual([0, 0, 60]);
    expect(throttle.lockedForSeconds(at(2))).toBe(60);
    expect(throttle.lockedForSeconds(at(61))).toBe(1);
    expect(throttle.lockedForSeconds(at(62))).toBe(0);
  });

  it('When the account locks again, then each lock doubles, up to the maximum', () => {
    const throttle = LoginThrottle.start('k', t0);
    const locks: number[] = [];
    let now = 0;
    for (let round = 0; round < 4; round++) {
      locks.push(failTimes(throttle, 3, now).at(-1)!);
      now += throttle.lockedForSeconds(at(now + 2)) + 3;
    }
    expect(locks).toEqual([60, 120, 200, 200]);
  });

  it('When failures are spread wider than the window, then they never lock', () => {
    const throttle = LoginThrottle.start('k', t0);
    const results = [0, 400, 800, 1200, 1600].map((s) => throttle.recordFailure(at(s), policy));
    expect(results).toEqual([0, 0, 0, 0, 0]);
    expect(throttle.lockedForSeconds(at(1600))).toBe(0);
  });

  it('When an account was quiet for a day, then its lock history is forgotten and the next lock is the base period again', () => {
    const throttle = LoginThrottle.start('k', t0);
    failTimes(throttle, 3, 0);
    failTimes(throttle, 3, 100); // second lock: 120 s
    expect(throttle.lockouts).toBe(2);
    expect(failTimes(throttle, 3, 102 + 24 * 3600 + 1).at(-1)).toBe(60);
  });

  it('When a failure arrives during a lock, then it changes nothing (attempts are refused before checking)', () => {
    const throttle = LoginThrottle.start('k', t0);
    failTimes(throttle, 3, 0);
    const until = throttle.lockedUntil;
    expect(throttle.recordFailure(at(10), policy)).toBe(0);
    expect(throttle.lockedUntil).toEqual(until);
  });

  it('When emails differ only in case or surrounding spaces, then they share one key; the key is not the email', () => {
    expect(loginAccountKey(' Ada@Example.com ')).toBe(loginAccountKey('ada@example.com'));
    expect(loginAccountKey('ada@example.com')).not.toContain('ada');
    expect(loginAccountKey('ada@example.com')).not.toBe(loginAccountKey('eve@example.com'));
  });
});
