import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { AppConfig } from '@keel/kernel';
import { KNOWN_DEVICE_DAYS, type LoginClient } from '../../application';

export const DEVICE_COOKIE = 'keel_device';
/** Only the credential endpoints need it: it is not sent with any other request. */
const COOKIE_PATH = '/api/v1/auth';
const DEVICE_ID = /^[A-Za-z0-9_-]{16,64}$/;

const keyFrom = (secret: string) => Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'keel device cookie v1', 32));

/**
 * The device cookie that lets the login lockout recognise a client that logged
 * into an account before (ADR 0013): `keel_device=<random id>.<HMAC-SHA256>`,
 * HttpOnly (no script can read it), SameSite=Strict, Secure over TLS, scoped to
 * /api/v1/auth, for as long as a device stays known. The key is derived from
 * JWT_SECRET (HKDF, its own label); cookies signed under a key in
 * JWT_PREVIOUS_SECRETS stay valid, so rotating the JWT key forgets no device.
 * A cookie that does not verify is ignored: the client is a stranger, known by IP.
 */
@Injectable()
export class DeviceCookie {
  private readonly signingKey: Buffer;
  private readonly verifyingKeys: Buffer[];

  constructor(config: AppConfig) {
    this.signingKey = keyFrom(config.get('JWT_SECRET', { infer: true }));
    this.verifyingKeys = [this.signingKey, ...(config.get('JWT_PREVIOUS_SECRETS', { infer: true }) ?? []).map(keyFrom)];
  }

  /** Who is calling: the client IP (TRUSTED_PROXIES decides whether X-Forwarded-For counts) and a verified device id. */
  clientOf(request: FastifyRequest): LoginClient {
    const deviceId = this.read(request.headers.cookie);
    return deviceId ? { ip: request.ip, deviceId } : { ip: request.ip };
  }

  write(request: FastifyRequest, reply: FastifyReply, deviceId: string): void {
    const attributes = [
      `${DEVICE_COOKIE}=${deviceId}.${this.sign(deviceId, this.signingKey)}`,
      `Path=${COOKIE_PATH}`,
      `Max-Age=${KNOWN_DEVICE_DAYS * 24 * 3600}`,
      'HttpOnly',
      'SameSite=Strict',
      ...(request.protocol === 'https' ? ['Secure'] : []),
    ];
    void reply.header('set-cookie', attributes.join('; '));
  }

  private read(header: string | undefined): string | undefined {
    if (!header) return undefined;
    for (const part of header.split(';')) {
      const [name, value] = part.trim().split('=', 2);
      if (name !== DEVICE_COOKIE || !value) continue;
      const [deviceId, signature] = value.split('.', 2);
      if (!deviceId || !signature || !DEVICE_ID.test(deviceId)) return undefined;
      const presented = Buffer.from(signature);
      const valid = this.verifyingKeys.some((key) => {
        const expected = Buffer.from(this.sign(deviceId, key));
        return expected.length === presented.length && timingSafeEqual(expected, presented);
      });
      return valid ? deviceId : undefined;
    }
    return undefined;
  }

  private sign(deviceId: string, key: Buffer): string {
    return createHmac('sha256', key).update(deviceId).digest('base64url');
  }
}
