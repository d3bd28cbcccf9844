export * from './demo-networks';
