import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthGuard } from './auth.guard';
import { CallerContext } from './caller-context';
import { JwtVerifier } from './jwt-verifier';
import { ProcessingLog, ProcessingLogController } from './processing-log';

@Global()
@Module({
  controllers: [ProcessingLogController],
  providers: [JwtVerifier, CallerContext, ProcessingLog, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [JwtVerifier, CallerContext, ProcessingLog],
})
export class AuthModule {}
