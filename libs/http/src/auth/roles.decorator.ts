import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { Role } from '@keel/kernel';
import { ProblemResponseSchema } from '../errors/problem.schema';

export const REQUIRED_ROLES = 'keel:roles';
/** Restricts a route to users holding any of the given roles (403 otherwise). */
export const Roles = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLES, roles),
    ApiForbiddenResponse({ description: `Requires role: ${roles.join(' or ')}`, type: ProblemResponseSchema }),
  );
