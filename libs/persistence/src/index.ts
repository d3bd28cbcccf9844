export * from './mongo.module';
export * from './duplicate-key';
export * from './repository';
