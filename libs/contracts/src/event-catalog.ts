import { z } from 'zod';
import {
  contactErasedPayload,
  subscriptionConfirmedPayload,
  subscriptionRequestedPayload,
  subscriptionUnsubscribedPayload,
  suppressionAddedPayload,
  suppressionRemovedPayload,
} from './events/audience.events';
import {
  newsletterCancelledPayload,
  newsletterCompletedPayload,
  newsletterPausedPayload,
  newsletterResumedPayload,
  newsletterScheduledPayload,
  newsletterStartedPayload,
} from './events/campaigns.events';
import { messageBouncedPayload, messageComplainedPayload, messageFailedPayload, messageSentPayload } from './events/delivery.events';
import { coordinatorInvitedPayload, networkProfilePayload } from './events/gateway.events';
import {
  networkEventCancelledPayload,
  networkEventPublishedPayload,
  networkEventRescheduledPayload,
  registrationCancelledPayload,
  registrationConfirmedPayload,
  registrationPromotedPayload,
  registrationWaitlistedPayload,
  reminderDuePayload,
} from './events/scheduling.events';

/**
 * Every event the hub publishes: its type (which is also its topic name), current version and payload schema.
 * Producers and consumers both validate against this table, so a malformed event is caught where it is made and
 * where it arrives.
 */
export const EVENT_CATALOG = {
  'audience.subscription.requested': { version: 1, payload: subscriptionRequestedPayload },
  'audience.subscription.confirmed': { version: 1, payload: subscriptionConfirmedPayload },
  'audience.subscription.unsubscribed': { version: 1, payload: subscriptionUnsubscribedPayload },
  'audience.suppression.added': { version: 1, payload: suppressionAddedPayload },
  'audience.suppression.removed': { version: 1, payload: suppressionRemovedPayload },
  'audience.contact.erased': { version: 1, payload: contactErasedPayload },
  'gateway.coordinator.invited': { version: 1, payload: coordinatorInvitedPayload },
  'gateway.network.updated': { version: 1, payload: networkProfilePayload },
  'delivery.message.sent': { version: 1, payload: messageSentPayload },
  'delivery.message.failed': { version: 1, payload: messageFailedPayload },
  'delivery.message.bounced': { version: 1, payload: messageBouncedPayload },
  'delivery.message.complained': { version: 1, payload: messageComplainedPayload },
  'campaigns.newsletter.scheduled': { version: 1, payload: newsletterScheduledPayload },
  'campaigns.newsletter.started': { version: 1, payload: newsletterStartedPayload },
  'campaigns.newsletter.paused': { version: 1, payload: newsletterPausedPayload },
  'campaigns.newsletter.resumed': { version: 1, payload: newsletterResumedPayload },
  'campaigns.newsletter.completed': { version: 1, payload: newsletterCompletedPayload },
  'campaigns.newsletter.cancelled': { version: 1, payload: newsletterCancelledPayload },
  'scheduling.event.published': { version: 1, payload: networkEventPublishedPayload },
  'scheduling.event.rescheduled': { version: 1, payload: networkEventRescheduledPayload },
  'scheduling.event.cancelled': { version: 1, payload: networkEventCancelledPayload },
  'scheduling.registration.confirmed': { version: 1, payload: registrationConfirmedPayload },
  'scheduling.registration.waitlisted': { version: 1, payload: registrationWaitlistedPayload },
  'scheduling.registration.promoted': { version: 1, payload: registrationPromotedPayload },
  'scheduling.registration.cancelled': { version: 1, payload: registrationCancelledPayload },
  'scheduling.reminder.due': { version: 1, payload: reminderDuePayload },
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
