import { z } from 'zod';
import { subscriptionConfirmedPayload, subscriptionRequestedPayload } from './events/audience.events';
import { messageFailedPayload, messageSentPayload } from './events/delivery.events';
import { coordinatorInvitedPayload } from './events/gateway.events';

/**
 * Every event the hub publishes: its type (which is also its topic name), current version and payload schema.
 * Producers and consumers both validate against this table, so a malformed event is caught where it is made and
 * where it arrives.
 */
export const EVENT_CATALOG = {
  'audience.subscription.requested': { version: 1, payload: subscriptionRequestedPayload },
  'audience.subscription.confirmed': { version: 1, payload: subscriptionConfirmedPayload },
  'gateway.coordinator.invited': { version: 1, payload: coordinatorInvitedPayload },
  'delivery.message.sent': { version: 1, payload: messageSentPayload },
  'delivery.message.failed': { version: 1, payload: messageFailedPayload },
} as const satisfies Record<string, { version: number; payload: z.ZodType }>;

export type EventType = keyof typeof EVENT_CATALOG;
export type EventPayload<T extends EventType> = z.infer<(typeof EVENT_CATALOG)[T]['payload']>;
export const EVENT_TYPES = Object.keys(EVENT_CATALOG) as EventType[];

export function isEventType(value: string): value is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOG, value);
}

/** The Kafka topic of an event type; the prefix keeps test runs and co-hosted hubs apart. */
export function topicOf(type: EventType, prefix: string): string {
  return `${prefix}${type}`;
}

export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
