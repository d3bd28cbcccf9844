export * from './config-validation.error';
export * from './load-config';
export * from './env-fragments';
export * from './config.module';
