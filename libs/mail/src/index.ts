export * from './catalog/email-catalog';
export * from './locale';
export * from './rendered-email';
export * from './email-layout';
export * from './email-renderer';
export * from './calendar-invite';
export * from './calendar-series';
export * from './registration-email.renderer';
