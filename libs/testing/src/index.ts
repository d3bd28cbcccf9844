export * from './wait-for';
export * from './stack-env';
export * from './test-run';
export * from './mailpit.client';
export * from './kafka-topic.reader';
export * from './calendar-expansion';
