import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '@keel/kernel';
import { DeviceCookie } from './device-cookie';

const OLD = 'old-secret-that-is-long-enough-for-hs256-0123456789';
const CURRENT = 'current-secret-that-is-long-enough-for-hs256-012345';
const DEVICE = 'AAAAAAAAAAAAAAAAAAAAAA';

const cookieOf = (secret: string, previous: string[] = []) =>
  new DeviceCookie({ get: (name: string) => ({ JWT_SECRET: secret, JWT_PREVIOUS_SECRETS: previous })[name] } as unknown as AppConfig);

const request = (cookie?: string, protocol = 'http') =>
  ({ ip: '203.0.113.7', protocol, headers: cookie ? { cookie } : {} }) as unknown as FastifyRequest;

/** The Set-Cookie header `write` produces. */
function written(cookies: DeviceCookie, protocol = 'http'): string {
  let header = '';
  const reply = { header: (_name: string, value: string) => ((header = value), reply) } as unknown as FastifyReply;
  cookies.write(request(undefined, protocol), reply, DEVICE);
  return header;
}

describe('DeviceCookie', () => {
  it('When a cookie it wrote comes back, then the client is that device at its IP; other cookies in the header do not matter', () => {
    const cookies = cookieOf(CURRENT);
    const pair = written(cookies).split(';')[0];
    expect(cookies.clientOf(request(`theme=dark; ${pair}; other=1`))).toEqual({ ip: '203.0.113.7', deviceId: DEVICE });
  });

  it('When the cookie is tampered with, signed with another key, malformed or absent, then the client is known by IP only', () => {
    const cookies = cookieOf(CURRENT);
    const pair = written(cookies).split(';')[0];
    for (const header of [
      pair.replace(DEVICE, 'BBBBBBBBBBBBBBBBBBBBBB'),
      written(cookieOf('another-secret-that-is-long-enough-for-hs256-0000')).split(';')[0],
      'keel_device=not-signed',
      `keel_device=${DEVICE}.`,
      undefined,
    ]) {
      expect(cookies.clientOf(request(header))).toEqual({ ip: '203.0.113.7' });
    }
  });

  it('When the JWT key rotates (the old one in JWT_PREVIOUS_SECRETS), then cookies signed with the old key still verify', () => {
    const before = written(cookieOf(OLD)).split(';')[0];
    expect(cookieOf(CURRENT, [OLD]).clientOf(request(before))).toEqual({ ip: '203.0.113.7', deviceId: DEVICE });
    expect(cookieOf(CURRENT).clientOf(request(before))).toEqual({ ip: '203.0.113.7' });
  });

  it('When written, then HttpOnly, SameSite=Strict, scoped to /api/v1/auth, and Secure only over TLS', () => {
    expect(written(cookieOf(CURRENT))).toMatch(/; Path=\/api\/v1\/auth; Max-Age=15552000; HttpOnly; SameSite=Strict$/);
    expect(written(cookieOf(CURRENT), 'https')).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });
});
