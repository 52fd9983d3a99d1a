import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ForbiddenError, type Role } from '@keel/kernel';
import { AuthenticatedUser } from './authenticated-user';
import { REQUIRED_ROLES } from './roles.decorator';

/** Runs after JwtAuthGuard: a valid token with the wrong role is a 403, not a 401. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, [context.getHandler(), context.getClass()]);
    if (!required || required.length === 0) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthenticatedUser }>().user;
    if (!user || !required.some((role) => user.roles.includes(role))) {
      throw new ForbiddenError('You do not have permission to perform this action.');
    }
    return true;
  }
}
