export * from './correlation';
export * from './metrics.registry';
export * from './readiness.registry';
export * from './observability.module';
