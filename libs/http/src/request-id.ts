import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Client ids are honoured only when they look like ids, so logs cannot be polluted or forged into anything odd. */
const WELL_FORMED = /^[A-Za-z0-9._:-]{8,128}$/;
export const REQUEST_ID_HEADER = 'x-request-id';

export function requestIdFor(req: IncomingMessage): string {
  const candidate = req.headers[REQUEST_ID_HEADER];
  return typeof candidate === 'string' && WELL_FORMED.test(candidate) ? candidate : randomUUID();
}
