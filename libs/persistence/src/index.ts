export * from './mongo.module';
export * from './duplicate-key';
export * from './repository';
export * from './busy-retry';
export * from './newer-wins';
export * from './storage-unavailable';
export * from './update-batches';
