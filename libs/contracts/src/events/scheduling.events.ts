import { z } from 'zod';
import { languageSchema } from '../languages';

const kind = z.enum(['network-meeting', 'webinar', 'gathering']);
const texts = z.partialRecord(languageSchema, z.string());

/** The event as it stands when something happens to it: enough for an email and an invite, without a lookup. */
export const networkEventSnapshotSchema = z.object({
  eventId: z.string().min(1),
  kind,
  title: texts,
  startsAt: z.iso.datetime(),
  endsAt: z.iso.datetime(),
  timeZone: z.string().min(1),
  venue: z.object({ name: z.string(), address: z.string(), city: z.string() }).nullable(),
  organiser: z.object({ name: z.string().min(1), email: z.email() }),
  /** The invite's SEQUENCE; raised by every change participants must see. */
  sequence: z.number().int().min(0),
  /** An occurrence of a recurring series: its invite is the series' instance at `recurrenceId` (RECURRENCE-ID). */
  occurrenceOf: z.object({ seriesId: z.string().min(1), recurrenceId: z.iso.datetime() }).nullable().optional(),
});

export const networkEventPublishedPayload = networkEventSnapshotSchema.extend({ capacity: z.number().int().min(1), visibility: z.enum(['public', 'members']) });

/** A confirmed participant, as the update or cancellation sent to everyone needs them. */
const participant = z.object({
  registrationId: z.string().min(1),
  email: z.email(),
  name: z.string().min(1),
  language: languageSchema,
  manageToken: z.string().min(1),
});

/**
 * The confirmed participants at the moment of the change travel with it, written in the same update as the change,
 * so every one of them gets the new invite (or the cancellation) even if scheduling stops right after.
 */
export const networkEventRescheduledPayload = networkEventSnapshotSchema.extend({
  previousStartsAt: z.iso.datetime(),
  previousEndsAt: z.iso.datetime(),
  joinUrl: z.url().nullable(),
  participants: z.array(participant),
});

export const networkEventCancelledPayload = networkEventSnapshotSchema.extend({ participants: z.array(participant) });

const registrationFields = {
  registrationId: z.string().min(1),
  email: z.email(),
  name: z.string().min(1),
  language: languageSchema,
  /** Signed token of the participant's personal page (and its cancel button); only scheduling can verify it. */
  manageToken: z.string().min(1),
  event: networkEventSnapshotSchema,
  /** False when a coordinator added, moved or cancelled the registration quietly: no email to the participant. */
  notify: z.literal(false).optional(),
};

/** Confirmed and promoted carry the join URL (webinars, hybrid meetings); the other kinds of news never do. */
export const registrationConfirmedPayload = z.object({ ...registrationFields, joinUrl: z.url().nullable() });
export const registrationPromotedPayload = registrationConfirmedPayload;
export const registrationWaitlistedPayload = z.object(registrationFields);
export const registrationCancelledPayload = z.object({ ...registrationFields, wasConfirmed: z.boolean() });

/** A reminder to one confirmed participant; `offset` is the ISO 8601 duration before the start, e.g. P7D or PT1H. */
export const reminderDuePayload = participant.extend({
  event: networkEventSnapshotSchema,
  offset: z.string().min(1),
  joinUrl: z.url().nullable(),
});

export type ReminderDuePayload = z.infer<typeof reminderDuePayload>;
export type EventParticipant = z.infer<typeof participant>;
export type NetworkEventSnapshot = z.infer<typeof networkEventSnapshotSchema>;
export type NetworkEventPublishedPayload = z.infer<typeof networkEventPublishedPayload>;
export type NetworkEventRescheduledPayload = z.infer<typeof networkEventRescheduledPayload>;
export type NetworkEventCancelledPayload = z.infer<typeof networkEventCancelledPayload>;
export type RegistrationConfirmedPayload = z.infer<typeof registrationConfirmedPayload>;
export type RegistrationPromotedPayload = z.infer<typeof registrationPromotedPayload>;
export type RegistrationWaitlistedPayload = z.infer<typeof registrationWaitlistedPayload>;
export type RegistrationCancelledPayload = z.infer<typeof registrationCancelledPayload>;
