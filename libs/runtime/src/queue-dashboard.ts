import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenService, sendProblem } from '@keel/http';
import { ForbiddenError, UnauthenticatedError } from '@keel/kernel';
import { QueueRegistry } from '@keel/messaging';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for admins only: every consumer queue with its
 * waiting, active, delayed, completed and failed (dead-lettered) jobs, and the
 * retry / promote / clean actions. Authenticated with the same bearer access
 * token as the API (send `Authorization: Bearer <admin token>`).
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  const board = new BullBoardFastifyAdapter();
  board.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: app
      .get(QueueRegistry)
      .all()
      .map((q) => new BullMQAdapter(q)),
    serverAdapter: board,
  });
  const tokens = app.get(AccessTokenService);
  const logger = new Logger('QueueDashboard');
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const match = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '');
        if (!match) throw new UnauthenticatedError('The queue dashboard needs an admin bearer token.');
        const user = await tokens.verify(match[1]);
        if (!user.roles.includes('admin')) throw new ForbiddenError('The queue dashboard is for admins only.');
      } catch (error) {
        sendProblem(request, reply, error, logger);
        return reply;
      }
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
