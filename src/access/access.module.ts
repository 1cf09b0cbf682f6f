import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AccessInterceptor } from './access.interceptor';
import { AccessService } from './access.service';

// Global like the clock: every feature that lists cases or defenders asks the same policy.
@Global()
@Module({
  providers: [AccessService, { provide: APP_INTERCEPTOR, useClass: AccessInterceptor }],
  exports: [AccessService],
})
export class AccessModule {}
