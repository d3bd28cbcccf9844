import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { APP_CONFIG } from '@hub/config';
import type { GatewayConfig } from '../gateway.config';
import { isOperationalRequest, isSignUpLimited } from './rate-limits';
import { ThrottlerStorage } from './throttler-storage';

/**
 * Rate limits per client IP, counted in Redis so that every gateway replica enforces the same budget.
 * `default` applies everywhere; `sign-up` only to routes marked @SignUpRateLimited().
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: GatewayConfig) => ({
        storage: new ThrottlerStorage(config.REDIS_URL, { keyPrefix: `${config.QUEUE_PREFIX}:throttle:`, maxRetriesPerRequest: 2 }),
        throttlers: [
          { name: 'default', ttl: 60_000, limit: config.PUBLIC_RATE_LIMIT_PER_MINUTE, skipIf: isOperationalRequest },
          { name: 'sign-up', ttl: 60_000, limit: config.SUBSCRIBE_RATE_LIMIT_PER_MINUTE, skipIf: (context) => !isSignUpLimited(context) },
        ],
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ThrottlerGuard }],
})
export class SecurityModule {}
