import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';
import { AuthError } from './auth.errors';
import { Caller } from './caller';

export const CLS_CALLER = 'vangnet.caller';

/** The current caller for code below the controller (services, processing log). */
@Injectable()
export class CallerContext {
  constructor(private readonly cls: ClsService) {}

  get(): Caller | undefined {
    return this.cls.isActive() ? this.cls.get<Caller>(CLS_CALLER) : undefined;
  }

  require(): Caller {
    const caller = this.get();
    if (!caller) throw AuthError.unauthenticated('no caller in this context');
    return caller;
  }

  set(caller: Caller): void {
    this.cls.set(CLS_CALLER, caller);
  }
}
