import { DynamicModule, Global, Module } from '@nestjs/common';
import { EventFactory } from './event.factory';
import { EventPublisher } from './event.publisher';
import { KafkaConnection } from './kafka.connection';
import { KafkaEventServer } from './kafka-event.server';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox.relay';
import { ProcessedEventStore } from './processed-event.store';

/** Kafka for one service: topics, publisher, outbox relay, and the idempotent consumer transport. */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        KafkaConnection,
        EventFactory,
        EventPublisher,
        OutboxRelay,
        ProcessedEventStore,
        KafkaEventServer,
      ],
      exports: [EventFactory, EventPublisher, OutboxRelay, KafkaEventServer, KafkaConnection, MESSAGING_OPTIONS],
    };
  }
}
