import { type Environment, type InvalidEnvironmentError, validateEnvironment } from '@keel/kernel';
import { PaymentsEnvironment } from './payments.environment';

const base = { DATABASE_URL: 'postgres://u@localhost/db' };
const validate = (raw: Record<string, unknown>) => validateEnvironment(raw, [PaymentsEnvironment]) as Environment & PaymentsEnvironment;

describe('PaymentsEnvironment, validated with the platform environment', () => {
  const production = { ...base, NODE_ENV: 'production', JWT_SECRET: 'a-production-secret-that-is-long-enough-0123' };
  const providers = {
    STRIPE_API_BASE: 'https://api.stripe.com',
    STRIPE_API_KEY: 'sk_live_123',
    STRIPE_WEBHOOK_SECRET: 'whsec_live_123',
    RAZORPAY_API_BASE: 'https://api.razorpay.com',
    RAZORPAY_KEY_ID: 'rzp_live_123',
    RAZORPAY_KEY_SECRET: 'rzp_live_secret',
    RAZORPAY_WEBHOOK_SECRET: 'rzp_live_webhook',
  };
  const problemsOf = (raw: Record<string, unknown>) => {
    try {
      validate(raw);
      return [];
    } catch (e) {
      return (e as InvalidEnvironmentError).problems;
    }
  };

  it('When nothing is set outside production, then payments are on and point at the sandbox', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const env = validate({ ...base, NODE_ENV });
      expect(env.PAYMENTS_ENABLED).toBe(true);
      expect(env.STRIPE_API_BASE).toBe('http://127.0.0.1:4010');
      expect(env.STRIPE_API_KEY).toBe('sk_test_sandbox');
    }
  });

  it('When production has no provider settings, then boot fails naming every one of them and how to fix it', () => {
    const problems = problemsOf(production);
    expect(problems).toHaveLength(7);
    for (const name of Object.keys(providers)) {
      expect(problems).toContainEqual(
        expect.stringMatching(new RegExp(`^${name} .*required when NODE_ENV=production.*PAYMENTS_ENABLED=false`)),
      );
    }
  });

  it('When production sets the sandbox values explicitly, then they are refused too', () => {
    const problems = problemsOf({ ...production, ...providers, STRIPE_WEBHOOK_SECRET: 'whsec_sandbox' });
    expect(problems).toEqual([expect.stringMatching(/^STRIPE_WEBHOOK_SECRET /)]);
  });

  it.each(['development', 'test', 'production'])(
    'When a provider URL is not the local sandbox (NODE_ENV=%s), then its sandbox key and webhook secret are refused by name',
    (NODE_ENV) => {
      const problems = problemsOf({
        ...(NODE_ENV === 'production' ? production : { ...base, NODE_ENV }),
        ...providers,
        STRIPE_API_BASE: 'https://api.stripe.com',
        STRIPE_API_KEY: 'sk_test_sandbox',
        STRIPE_WEBHOOK_SECRET: 'whsec_sandbox',
        RAZORPAY_API_BASE: 'http://sandbox.staging.internal:4010',
        RAZORPAY_KEY_ID: 'rzp_live_123',
        RAZORPAY_KEY_SECRET: 'rzp_test_sandbox_secret',
        RAZORPAY_WEBHOOK_SECRET: 'rzp_webhook_sandbox',
      });
      for (const [name, base] of [
        ['STRIPE_API_KEY', 'STRIPE_API_BASE'],
        ['STRIPE_WEBHOOK_SECRET', 'STRIPE_API_BASE'],
        ['RAZORPAY_KEY_SECRET', 'RAZORPAY_API_BASE'],
        ['RAZORPAY_WEBHOOK_SECRET', 'RAZORPAY_API_BASE'],
      ]) {
        expect(problems).toContainEqual(expect.stringMatching(new RegExp(`^${name} .*${base} is not the local sandbox`)));
      }
      expect(problems.some((p) => p.startsWith('RAZORPAY_KEY_ID'))).toBe(false);
    },
  );

  it('When outside production the sandbox secrets go with a loopback provider URL, then they are accepted', () => {
    for (const url of ['http://127.0.0.1:4010', 'http://localhost:4010', 'http://[::1]:4010', 'http://127.0.0.2:9']) {
      expect(validate({ ...base, NODE_ENV: 'development', STRIPE_API_BASE: url, RAZORPAY_API_BASE: url }).STRIPE_API_KEY).toBe(
        'sk_test_sandbox',
      );
    }
    // Payments off: nothing is sent anywhere, nothing accepted.
    expect(validate({ ...base, STRIPE_API_BASE: 'https://api.stripe.com', PAYMENTS_ENABLED: 'false' }).PAYMENTS_ENABLED).toBe(false);
  });

  it('When production sets every provider setting, then it boots with them', () => {
    const env = validate({ ...production, ...providers });
    expect(env).toMatchObject({ ...providers, PAYMENTS_ENABLED: true });
  });

  it('When production switches payments off, then no provider setting is needed', () => {
    expect(validate({ ...production, PAYMENTS_ENABLED: 'false' }).PAYMENTS_ENABLED).toBe(false);
  });

  it('When PAYMENTS_ENABLED is neither true nor false, then it is rejected', () => {
    expect(problemsOf({ ...base, PAYMENTS_ENABLED: 'yes' })).toEqual([expect.stringMatching(/^PAYMENTS_ENABLED .*true or false/)]);
  });
});
