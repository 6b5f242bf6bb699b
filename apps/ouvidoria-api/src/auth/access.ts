import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse } from '@nestjs/swagger';
import type { Role } from './principal';

export const ACCESS = 'ouvidoria:access';
export type AccessRule = readonly Role[] | 'open';

/**
 * The roles that may call a route (on a controller or a handler; the handler wins). Every route
 * declares one: the guard refuses routes that do not, so a new route is closed until decided.
 */
export const Access = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ACCESS, roles),
    ApiBearerAuth(),
    ApiResponse({ status: 401, description: 'No token, or an invalid or expired one' }),
    ApiResponse({ status: 403, description: `Only for roles: ${roles.join(', ')}` }),
  );

/** Who may read cases, queues and reports. */
export const READERS: Role[] = ['ouvidoria', 'auditor', 'admin'];

/** A route anyone may call without a token (health, for load balancers). */
export const OpenAccess = () => SetMetadata(ACCESS, 'open' satisfies AccessRule);
