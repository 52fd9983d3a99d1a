import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { mapError } from './problem-details.mapping';
import { PROBLEM_CONTENT_TYPE, ProblemDetails } from './problem-details';
import { clip } from './validation-exception.factory';

/**
 * Renders every error that reaches HTTP as application/problem+json. Internal
 * messages and stacks are logged, never sent.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(error: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw error;
    const http = host.switchToHttp();
    sendProblem(http.getRequest<FastifyRequest>(), http.getResponse<FastifyReply>(), error, this.logger);
  }
}

/** Details can quote the request (an unknown route echoes its URL): bounded as the document says. */
const MAX_DETAIL_LENGTH = 2000;

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: unknown, logger: Pick<Logger, 'error' | 'warn'>): void {
  const mapped = mapError(error);
  if (mapped.unexpected) {
    logger.error({ err: error, requestId: request.id, errorCode: mapped.type.split('/').pop() }, 'Unhandled error while serving request');
  }
  const body: ProblemDetails = {
    type: mapped.type,
    title: mapped.title,
    status: mapped.status,
    detail: clip(mapped.detail, MAX_DETAIL_LENGTH),
    instance: (request.url ?? '').split('?')[0],
    requestId: String(request.id),
    ...(mapped.errors ? { errors: mapped.errors } : {}),
    ...(mapped.extensions ?? {}),
  };
  if (reply.sent) return;
  if (mapped.headers) void reply.headers(mapped.headers);
  void reply.status(mapped.status).header('content-type', PROBLEM_CONTENT_TYPE).send(body);
}
