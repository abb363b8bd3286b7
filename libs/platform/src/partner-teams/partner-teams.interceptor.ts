import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Caller, CallerContext } from '@vangnet/auth';
import { from, Observable, switchMap } from 'rxjs';
import { PartnerTeamsService } from './partner-teams.service';

/**
 * O1 at one place for every route of the service: after the auth guard has verified the token
 * (guards run before interceptors, and route parameters such as `@CurrentCaller()` are read
 * after), an `ORG:` caller is checked against the partner registry and replaced, on the request
 * and in the caller context the services and the processing log read, by the caller the service
 * lets it be. NATS handlers and requests have no caller and pass untouched.
 */
@Injectable()
export class PartnerTeamInterceptor implements NestInterceptor {
  constructor(
    private readonly partners: PartnerTeamsService,
    private readonly callers: CallerContext,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<{ caller?: Caller }>();
    const caller = req.caller;
    if (!caller) return next.handle();
    return from(this.partners.effectiveCaller(caller)).pipe(
      switchMap((effective) => {
        if (effective !== caller) {
          req.caller = effective;
          this.callers.set(effective);
        }
        return next.handle();
      }),
    );
  }
}
