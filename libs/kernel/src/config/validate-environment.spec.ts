import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, Min } from 'class-validator';
import { InvalidEnvironmentError, validateEnvironment } from './validate-environment';

/** A context's settings class, as a descriptor declares it. */
class SampleContextEnvironment {
  @IsOptional()
  @IsEmail()
  SAMPLE_CONTACT?: string;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  SAMPLE_BATCH_SIZE = 10;
}

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
      });
    } catch (e) {
      error = e as InvalidEnvironmentError;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    for (const name of ['PORT', 'DATABASE_URL', 'REDIS_URL', 'JWT_SECRET']) expect(error?.message).toContain(name);
    expect(error?.problems).toHaveLength(4);
  });

  it("When a context's variables and the platform's are bad, then one error names every one of them", () => {
    let error: InvalidEnvironmentError | undefined;
    try {
      validateEnvironment({ PORT: 'eighty', SAMPLE_CONTACT: 'not-an-email', SAMPLE_BATCH_SIZE: '0' }, [SampleContextEnvironment]);
    } catch (e) {
      error = e as InvalidEnvironmentError;
    }
    expect(error).toBeInstanceOf(InvalidEnvironmentError);
    expect(error?.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['DATABASE_URL', 'PORT', 'SAMPLE_BATCH_SIZE', 'SAMPLE_CONTACT']);
  });

  it("When a context's variables are valid, then their typed values sit beside the platform's and raw copies overwrite nothing", () => {
    const env = validateEnvironment({ ...base, PORT: '8080', SAMPLE_BATCH_SIZE: '25' }, [SampleContextEnvironment]);
    expect(env).toMatchObject({ PORT: 8080, SAMPLE_BATCH_SIZE: 25 });
    expect(validateEnvironment(base, [SampleContextEnvironment])).toMatchObject({ PORT: 3000, SAMPLE_BATCH_SIZE: 10 });
  });

  it('When the OTel head sampler is unknown or its ratio is outside 0-1, then boot is refused (the SDK would record everything)', () => {
    expect(
      validateEnvironment({ ...base, OTEL_TRACES_SAMPLER: 'parentbased_traceidratio', OTEL_TRACES_SAMPLER_ARG: '0.25' }),
    ).toMatchObject({
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: 0.25,
    });
    let error: InvalidEnvironmentError | undefined;
    try {
      validateEnvironment({ ...base, OTEL_TRACES_SAMPLER: 'parentbased_ratio', OTEL_TRACES_SAMPLER_ARG: '10%' });
    } catch (e) {
      error = e as InvalidEnvironmentError;
    }
    expect(error?.problems.map((p) => p.split(' ')[0]).sort()).toEqual(['OTEL_TRACES_SAMPLER', 'OTEL_TRACES_SAMPLER_ARG']);
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

describe('validateEnvironment: rate limits, proxies, CORS, TLS, JWT keys', () => {
  const problemsOf = (raw: Record<string, string>) => {
    try {
      validateEnvironment(raw);
      return [];
    } catch (error) {
      return (error as InvalidEnvironmentError).problems;
    }
  };

  it('When nothing is set, then limits are on, no proxy is trusted, no CORS origin is allowed and there is no previous JWT key', () => {
    expect(validateEnvironment(base)).toMatchObject({
      RATE_LIMIT_ENABLED: true,
      TRUSTED_PROXIES: [],
      CORS_ORIGINS: [],
      JWT_PREVIOUS_SECRETS: [],
    });
  });

  it('When lists are given, then they are split and trimmed; IPs, CIDRs and proxy-addr names are accepted as proxies', () => {
    const env = validateEnvironment({
      ...base,
      TRUSTED_PROXIES: '10.0.0.0/8, 127.0.0.1, ::1, fd00::/8, loopback',
      CORS_ORIGINS: 'https://shop.example.com, http://localhost:5173',
      RATE_LIMIT_ENABLED: 'false',
    });
    expect(env.TRUSTED_PROXIES).toEqual(['10.0.0.0/8', '127.0.0.1', '::1', 'fd00::/8', 'loopback']);
    expect(env.CORS_ORIGINS).toEqual(['https://shop.example.com', 'http://localhost:5173']);
    expect(env.RATE_LIMIT_ENABLED).toBe(false);
  });

  it.each([
    ['TRUSTED_PROXIES', '*'],
    ['TRUSTED_PROXIES', '10.0.0.0/33'],
    ['TRUSTED_PROXIES', 'proxy.example.com'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://shop.example.com/path'],
    ['RATE_LIMIT_ENABLED', 'yes'],
    ['RATE_LIMIT_MAX', '0'],
    ['JWT_PREVIOUS_SECRETS', 'too-short'],
  ])('When %s=%s, then boot is refused naming it', (name, value) => {
    expect(problemsOf({ ...base, [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });

  it('When only one of TLS_CERT_FILE and TLS_KEY_FILE is set, then the other is named as missing', () => {
    expect(problemsOf({ ...base, TLS_CERT_FILE: '/tls/cert.pem' })).toEqual([expect.stringMatching(/^TLS_KEY_FILE \(missing\)/)]);
    expect(problemsOf({ ...base, TLS_KEY_FILE: '/tls/key.pem' })).toEqual([expect.stringMatching(/^TLS_CERT_FILE \(missing\)/)]);
  });
});

describe('validateEnvironment: HTTP boundary limits and the public URL', () => {
  it('When nothing is set, then JSON depth 32, 16 KiB of headers and no public URL', () => {
    const env = validateEnvironment(base);
    expect(env).toMatchObject({ HTTP_JSON_MAX_DEPTH: 32, HTTP_MAX_HEADER_BYTES: 16384 });
    expect(env.PUBLIC_BASE_URL).toBeUndefined();
  });

  it('When PUBLIC_BASE_URL is https, then it is kept; plain http or a non-URL is refused by name', () => {
    expect(validateEnvironment({ ...base, PUBLIC_BASE_URL: 'https://api.example.com/base' }).PUBLIC_BASE_URL).toBe(
      'https://api.example.com/base',
    );
    for (const bad of ['http://api.example.com', 'api.example.com', 'https://']) {
      expect(() => validateEnvironment({ ...base, PUBLIC_BASE_URL: bad })).toThrow(/PUBLIC_BASE_URL/);
    }
  });

  it('When the limits are out of range, then they are refused by name', () => {
    expect(() => validateEnvironment({ ...base, HTTP_JSON_MAX_DEPTH: '2' })).toThrow(/HTTP_JSON_MAX_DEPTH/);
    expect(() => validateEnvironment({ ...base, HTTP_MAX_HEADER_BYTES: '1024' })).toThrow(/HTTP_MAX_HEADER_BYTES/);
  });
});

describe('validateEnvironment: metrics bind address and docs', () => {
  it('When nothing is set, then metrics bind every interface and the docs are served', () => {
    expect(validateEnvironment(base)).toMatchObject({ METRICS_HOST: '0.0.0.0', DOCS_ENABLED: true });
  });

  it('When METRICS_HOST is an IP or localhost, then it is kept; anything else is refused by name', () => {
    for (const host of ['127.0.0.1', '::1', '::', 'localhost', '10.0.0.5']) {
      expect(validateEnvironment({ ...base, METRICS_HOST: host }).METRICS_HOST).toBe(host);
    }
    for (const bad of ['example.com', '0.0.0.0:9464', 'http://127.0.0.1']) {
      expect(() => validateEnvironment({ ...base, METRICS_HOST: bad })).toThrow(/METRICS_HOST/);
    }
  });

  it('When DOCS_ENABLED is false, then it parses to false; a non-boolean is refused by name', () => {
    expect(validateEnvironment({ ...base, DOCS_ENABLED: 'false' }).DOCS_ENABLED).toBe(false);
    expect(() => validateEnvironment({ ...base, DOCS_ENABLED: 'no' })).toThrow(/DOCS_ENABLED/);
  });
});
