export * from './languages';
export * from './envelope';
export * from './event-catalog';
export * from './events/audience.events';
export * from './events/delivery.events';
export * from './email-address';
export * from './api/audience.api';
export * from './jobs/transactional-mail.job';
