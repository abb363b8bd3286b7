import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Role } from '@vangnet/contracts';
import { Caller } from './caller';

export { IS_PUBLIC, Public } from '@vangnet/observability';

export const REQUIRED_ROLES = 'vangnet:roles';

/** The caller needs at least one of these roles (held by an organisation that may hold it). */
export const Roles = (...roles: Role[]) => SetMetadata(REQUIRED_ROLES, roles);

/** The verified caller of this HTTP request. */
export const CurrentCaller = createParamDecorator((_data: unknown, ctx: ExecutionContext): Caller => {
  return ctx.switchToHttp().getRequest<{ caller: Caller }>().caller;
});
