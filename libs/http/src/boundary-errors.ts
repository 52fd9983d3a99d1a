import { Logger } from '@nestjs/common';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPE_BASE } from './errors/problem-details';
import { sendProblem } from './errors/problem-details.filter';

const logger = new Logger('HttpBoundary');

/**
 * Errors Fastify's router raises before a request reaches any route (a path
 * with malformed percent-encoding): the same problem+json as everything else,
 * instead of Fastify's own JSON shape.
 */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(request, reply, error, logger);
}

const CLIENT_ERRORS: Record<string, { status: number; slug: string; detail: string }> = {
  HPE_HEADER_OVERFLOW: {
    status: 431,
    slug: 'headers-too-large',
    detail: 'The request line and headers are larger than allowed (HTTP_MAX_HEADER_BYTES).',
  },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, slug: 'request-timeout', detail: 'The request was not received in time.' },
};

/**
 * Node's HTTP parser refuses some requests before Fastify sees them (headers
 * too large, a request too slow, malformed HTTP). They have no request id or
 * route, so the answer is written to the socket directly, as a problem+json
 * like every other error, and the connection is closed.
 */
export function problemClientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = CLIENT_ERRORS[error.code ?? ''];
  const status = known?.status ?? 400;
  // No request was parsed: a fresh id still lets the client quote this refusal, and it is logged.
  const requestId = randomUUID();
  logger.warn({ requestId, code: error.code, status }, 'Request refused by the HTTP parser');
  const body = JSON.stringify({
    type: `${PROBLEM_TYPE_BASE}${known?.slug ?? 'bad-request'}`,
    title: STATUS_CODES[status],
    status,
    detail: known?.detail ?? 'The request is not valid HTTP.',
    instance: '',
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
