import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AccessTokenService, type AuthenticatedUser, bearerTokenFrom, sendProblem } from '@keel/http';
import { ForbiddenError, UnauthenticatedError } from '@keel/kernel';
import { QueueRegistry } from '@keel/messaging';
import { ADMIN_LOGIN_PATH, adminSessionCookieOf, AdminSessionTokens, assertSameOriginWrite, mountAdminLoginPage } from './admin-session';

export const QUEUE_DASHBOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues, for admins only: every consumer queue with its
 * waiting, active, delayed, completed and failed (dead-lettered) jobs, and the
 * retry / promote / clean actions. Two ways in: the admin session cookie a
 * browser gets at /admin/login (POST /api/v1/admin/session), whose writes must
 * come from the dashboard's own origin (CSRF), or the same bearer access token
 * as the API (`Authorization: Bearer <admin token>`) for scripts. A browser
 * without either is sent to the sign-in page.
 */
export async function mountQueueDashboard(app: NestFastifyApplication): Promise<void> {
  // Imported here, not at the top: @keel/runtime is loaded by the worker too, which has no dashboard,
  // and Bull Board with its Fastify adapter is ≈ 4.7 MB of heap (docs/performance.md, finding 21).
  const [{ createBullBoard }, { BullMQAdapter }, { FastifyAdapter: BullBoardFastifyAdapter }] = await Promise.all([
    import('@bull-board/api'),
    import('@bull-board/api/bullMQAdapter'),
    import('@bull-board/fastify'),
  ]);
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
  const sessions = app.get(AdminSessionTokens);
  const logger = new Logger('QueueDashboard');
  mountAdminLoginPage(app);
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      try {
        const bearer = bearerTokenFrom(request.headers.authorization);
        const cookie = bearer ? undefined : adminSessionCookieOf(request);
        if (!bearer && !cookie) {
          // A person opening the dashboard: to the sign-in page. An API call: a problem, as everywhere.
          if (request.method === 'GET' && request.headers.accept?.includes('text/html')) return reply.redirect(ADMIN_LOGIN_PATH, 303);
          throw new UnauthenticatedError('The queue dashboard needs an admin session (sign in at /admin/login) or an admin bearer token.');
        }
        let user: AuthenticatedUser;
        if (bearer) user = await tokens.verify(bearer);
        else {
          user = await sessions.verify(cookie!);
          assertSameOriginWrite(request);
        }
        if (!user.roles.includes('admin')) throw new ForbiddenError('The queue dashboard is for admins only.');
      } catch (error) {
        sendProblem(request, reply, error, logger);
        return reply;
      }
    });
    await scope.register(board.registerPlugin(), { prefix: QUEUE_DASHBOARD_PATH });
  });
}
