import { Controller, HttpCode, Post, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuthenticatedUser, ApiAdminAuth, ApiProblems, CurrentUser, Roles } from '@keel/http';
import { setAdminSessionCookie } from '../admin-session.cookie';
import { ADMIN_SESSION_TTL_SECONDS, AdminSessionTokens } from '../admin-session.tokens';

const SET_COOKIE = {
  'set-cookie': {
    description: `keel_admin_session=…; Path=/admin; Max-Age=${ADMIN_SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=Strict`,
    schema: {
      type: 'string',
      maxLength: 1000,
      example: `keel_admin_session=eyJhbGciOi…; Path=/admin; Max-Age=${ADMIN_SESSION_TTL_SECONDS}; HttpOnly; Secure; SameSite=Strict`,
    },
  },
} as const;

@ApiTags('admin')
@Controller('admin/session')
export class AdminSessionHttpController {
  constructor(private readonly sessions: AdminSessionTokens) {}

  @Post()
  @Roles('admin')
  @ApiAdminAuth()
  @HttpCode(204)
  @ApiOperation({
    operationId: 'startAdminSession',
    summary: 'Start an admin browser session (admin)',
    description:
      'Exchanges an admin access token (bearer) for a session cookie for the admin pages (the queue dashboard at ' +
      `/admin/queues): HttpOnly, Secure, SameSite=Strict, Path=/admin, valid ${ADMIN_SESSION_TTL_SECONDS / 60} minutes, not renewed. ` +
      'The dashboard’s write actions with the cookie must come from the dashboard itself (Origin checked). ' +
      'The small sign-in page at /admin/login does this for a browser; scripts keep using bearer tokens.',
  })
  @ApiNoContentResponse({ description: 'Session started; the cookie is in Set-Cookie', headers: SET_COOKIE })
  @ApiProblems(401, [403, 'The token is not an admin’s'])
  async start(@CurrentUser() user: AuthenticatedUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    setAdminSessionCookie(reply, await this.sessions.issue(user));
  }
}
