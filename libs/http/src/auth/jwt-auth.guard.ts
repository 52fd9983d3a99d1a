import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ClsServiceManager } from 'nestjs-cls';
import { actingRole, AUDIT_ACTOR, AUDIT_CLIENT_ADDRESS, UnauthenticatedError } from '@keel/kernel';
import { AccessTokenService } from './access-token.service';
import { AuthenticatedUser } from './authenticated-user';
import { IS_PUBLIC } from './public.decorator';
import { authenticateRequest } from './request-authentication';

/** Global guard: every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthenticatedUser }>();
    // Who is acting and from where, for the audit trail the request's command may write.
    const cls = ClsServiceManager.getClsService();
    if (cls.isActive()) cls.set(AUDIT_CLIENT_ADDRESS, request.ip);
    if (isPublic) return true;
    const user = authenticateRequest(request, this.tokens);
    if (!user) throw new UnauthenticatedError('A bearer access token is required.');
    request.user = await user;
    if (cls.isActive()) cls.set(AUDIT_ACTOR, { id: request.user.id, role: actingRole(request.user.roles) });
    return true;
  }
}
