export * from './demo-networks';
export * from './demo-organisations';
