import { type Environment, type InvalidEnvironmentError, validateEnvironment } from '@keel/kernel';
import { NotificationsEnvironment } from './notifications.environment';

const base = { DATABASE_URL: 'postgres://u@localhost/db' };
const production = {
  ...base,
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-secret-that-is-long-enough-0123',
  PAYMENTS_ENABLED: 'false',
};
const validate = (raw: Record<string, unknown>) =>
  validateEnvironment(raw, [NotificationsEnvironment]) as Environment & NotificationsEnvironment;

describe('NotificationsEnvironment, validated with the platform environment', () => {
  it('When SMTP_URL is unset outside production, then mail goes to the development mailbox (no SMTP_URL)', () => {
    for (const NODE_ENV of ['development', 'test']) expect(validate({ ...base, NODE_ENV }).SMTP_URL).toBeUndefined();
  });

  it('When SMTP_URL is unset or empty in production, then boot is refused naming it', () => {
    for (const raw of [production, { ...production, SMTP_URL: '' }]) {
      let problems: string[] = [];
      try {
        validate(raw);
      } catch (e) {
        problems = (e as InvalidEnvironmentError).problems;
      }
      expect(problems).toEqual([expect.stringMatching(/^SMTP_URL .*required when NODE_ENV=production/)]);
    }
  });

  it('When production sets SMTP_URL, then it boots with it', () => {
    expect(validate({ ...production, SMTP_URL: 'smtp://mailpit:1025' }).SMTP_URL).toBe('smtp://mailpit:1025');
  });
});
