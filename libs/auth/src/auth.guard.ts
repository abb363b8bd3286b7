import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Role } from '@vangnet/contracts';
import { AuthError } from './auth.errors';
import { Caller, requireRole } from './caller';
import { CallerContext } from './caller-context';
import { IS_PUBLIC, REQUIRED_ROLES } from './decorators';
import { JwtVerifier } from './jwt-verifier';

/**
 * Every HTTP route needs a valid bearer token unless marked @Public(); @Roles() narrows it.
 * NATS handlers are not guarded here: service-to-service traffic is NATS's own (accounts and
 * permissions) concern.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly verifier: JwtVerifier,
    private readonly callers: CallerContext,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; caller?: Caller }>();
    const header = req.headers.authorization ?? '';
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw AuthError.unauthenticated('a bearer token is required (Authorization: Bearer …)');
    const caller = await this.verifier.verify(m[1]);
    req.caller = caller;
    this.callers.set(caller);
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(REQUIRED_ROLES, targets);
    if (roles?.length) requireRole(caller, ...roles);
    return true;
  }
}
