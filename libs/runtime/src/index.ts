export * from './start-service';
export * from './service-core.module';
export * from './periodic-task';
export * from './periodic-work';
export * from './mongo-connection.watchdog';
