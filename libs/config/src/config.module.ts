import { DynamicModule, Global, Module } from '@nestjs/common';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Makes the already validated configuration injectable. Validation happens in main() before Nest starts, so a bad
 * environment never gets as far as opening connections.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot<T extends object>(config: T): DynamicModule {
    return { module: AppConfigModule, providers: [{ provide: APP_CONFIG, useValue: config }], exports: [APP_CONFIG] };
  }
}
