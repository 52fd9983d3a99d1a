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
