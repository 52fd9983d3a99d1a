import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

const base = { DATABASE_URL: 'postgres://u@localhost/db' };

describe('validateEnvironment', () => {
  it('When only DATABASE_URL is set in development, then defaults fill the rest with typed values', () => {
    const env = validateEnvironment(base);
    expect(env).toMatchObject({ NODE_ENV: 'development', PORT: 3000, SHUTDOWN_DRAIN_MS: 5000, DATABASE_REPLICA_URLS: [] });
  });

  it('When several variables are bad, then one error names every one of them', () => {
    let error: InvalidEnvironmentError | undefined;
    try {
      validateEnvironment({
        NODE_ENV: 'production',
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        REDIS_URL: 'http://x',
        ADMIN_EMAIL: 'ops@example.com',
        PAYMENTS_ENABLED: 'false', // payment settings are covered below
      });
    } catch (e) {
      error = e as InvalidEnvironmentError;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET', 'ADMIN_PASSWORD']) expect(error?.message).toContain(name);
    expect(error?.problems).toHaveLength(5);
  });

  it('When DATABASE_URL is missing, then it is named as missing', () => {
    expect(() => validateEnvironment({})).toThrow(/DATABASE_URL \(missing\)/);
  });

  it('When JWT_SECRET is short, then rejected even in development', () => {
    expect(() => validateEnvironment({ ...base, JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('When replicas are a comma-separated list, then they parse into URLs', () => {
    const env = validateEnvironment({ ...base, DATABASE_REPLICA_URLS: 'postgres://a/db, postgres://b/db' });
    expect(env.DATABASE_REPLICA_URLS).toEqual(['postgres://a/db', 'postgres://b/db']);
  });

  it('When a variable is an empty string, then it counts as unset', () => {
    const env = validateEnvironment({ ...base, REDIS_URL: '', PORT: '' });
    expect(env.PORT).toBe(3000);
    expect(env.REDIS_URL).toBeUndefined();
  });
});

describe('validateEnvironment: payment provider settings', () => {
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
      validateEnvironment(raw);
      return [];
    } catch (e) {
      return (e as InvalidEnvironmentError).problems;
    }
  };

  it('When nothing is set outside production, then payments are on and point at the sandbox', () => {
    for (const NODE_ENV of ['development', 'test']) {
      const env = validateEnvironment({ ...base, NODE_ENV });
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

  it('When production sets every provider setting, then it boots with them', () => {
    const env = validateEnvironment({ ...production, ...providers });
    expect(env).toMatchObject({ ...providers, PAYMENTS_ENABLED: true });
  });

  it('When production switches payments off, then no provider setting is needed', () => {
    expect(validateEnvironment({ ...production, PAYMENTS_ENABLED: 'false' }).PAYMENTS_ENABLED).toBe(false);
  });

  it('When PAYMENTS_ENABLED is neither true nor false, then it is rejected', () => {
    expect(problemsOf({ ...base, PAYMENTS_ENABLED: 'yes' })).toEqual([expect.stringMatching(/^PAYMENTS_ENABLED .*true or false/)]);
  });
});
