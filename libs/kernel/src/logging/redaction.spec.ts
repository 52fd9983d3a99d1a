import pino from 'pino';
import { Writable } from 'node:stream';
import { redactedPaths, redactUrl } from './redaction';

describe('redactedPaths', () => {
  const logLine = (obj: object): string => {
    let out = '';
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        out += chunk.toString();
        done();
      },
    });
    pino({ redact: { paths: redactedPaths(['X-Provider-Signature']), censor: '[REDACTED]' } }, stream).info(obj, 'message');
    return out;
  };

  it.each([
    ['an incoming Authorization header', { req: { headers: { authorization: 'Bearer SECRET-1' } } }],
    ['an incoming cookie', { req: { headers: { cookie: 'session=SECRET-1' } } }],
    ['a webhook signature a context declares secret', { req: { headers: { 'x-provider-signature': 't=1,v1=SECRET-1' } } }],
    ['that signature on an outbound call', { request: { headers: { 'x-provider-signature': 'SECRET-1' } } }],
    ['a proxy credential', { req: { headers: { 'proxy-authorization': 'Basic SECRET-1' } } }],
    ['an outbound request header', { request: { headers: { authorization: 'Bearer SECRET-1' } } }],
    ['a password field', { password: 'SECRET-1' }],
    ['a nested password', { body: { password: 'SECRET-1' } }],
    ['a refresh token', { dto: { refreshToken: 'SECRET-1' } }],
    ['a connection string', { options: { connectionString: 'postgres://u:SECRET-1@h/db' } }],
    ['an API key', { provider: { apiKey: 'SECRET-1' } }],
  ])('When a log object carries %s, then the line does not contain it', (_name, obj) => {
    const line = logLine(obj);
    expect(line).toContain('[REDACTED]');
    expect(line).not.toContain('SECRET-1');
  });
});

describe('redactUrl', () => {
  it('When a URL carries a token query parameter, then its value is replaced and the rest kept', () => {
    expect(redactUrl('/verify-email?token=abc_DEF-123')).toBe('/verify-email?token=[REDACTED]');
    expect(redactUrl('/reset-password?lang=en&TOKEN=secret#x')).toBe('/reset-password?lang=en&TOKEN=[REDACTED]#x');
    expect(redactUrl('/api/v1/products?limit=5&notoken=1')).toBe('/api/v1/products?limit=5&notoken=1');
  });
});
