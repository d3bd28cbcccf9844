import { Injectable } from '@nestjs/common';
import type { i18n } from 'i18next';
import type { Language, NetworkEventSnapshot } from '@hub/contracts';
import { createTranslator } from '@hub/i18n';
import { buildCalendarInvite } from './calendar-invite';
import { REGISTRATION_EMAIL_CATALOG } from './catalog/registration-emails.catalog';
import { renderLayout } from './email-layout';
import { formatTimeSpan } from './locale';
import type { RenderedEmail } from './rendered-email';

export interface RegistrationNoticeInput {
  notice: 'confirmed' | 'promoted' | 'waitlisted' | 'cancelled' | 'rescheduled' | 'event-cancelled' | 'reminder';
  language: Language;
  name: string;
  email: string;
  event: NetworkEventSnapshot;
  /** Only in mail to confirmed participants; the caller passes null otherwise. */
  joinUrl: string | null;
  manageUrl: string;
  /** The domain of the invite's UID (the hub's public host), so the UID is the same in every email and the feed. */
  uidDomain: string;
}

/**
 * Registration emails in the participant's language, with the calendar invite: REQUEST for a seat (confirmed,
 * promoted, or the event moved), CANCEL for a cancelled seat or event, none for the waitlist or a reminder.
 */
@Injectable()
export class RegistrationEmailRenderer {
  private readonly i18n: i18n = createTranslator(REGISTRATION_EMAIL_CATALOG);

  notice(input: RegistrationNoticeInput): RenderedEmail {
    const t = this.i18n.getFixedT(input.language, undefined, 'registration');
    const { event, language } = input;
    const title = event.title[language] ?? event.title.en ?? Object.values(event.title)[0] ?? '';
    const where = event.venue ? [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ') : t('online');
    const holdsSeat = input.notice === 'confirmed' || input.notice === 'promoted' || input.notice === 'rescheduled';
    const joinUrl = holdsSeat || input.notice === 'reminder' ? input.joinUrl : null;
    const key = input.notice === 'event-cancelled' ? 'eventCancelled' : input.notice;
    const details = [t('when', { when: formatSpan(new Date(event.startsAt), new Date(event.endsAt), event.timeZone, language) }), t('where', { where })];
    if (joinUrl) details.push(t('join', { url: joinUrl }));

    const calendarMethod = holdsSeat ? 'REQUEST' : input.notice === 'cancelled' || input.notice === 'event-cancelled' ? 'CANCEL' : null;
    const { html, text } = renderLayout(language, {
      heading: t(`${key}.heading`),
      paragraphs: [t(`${key}.intro`, { name: input.name, title }), ...details, ...(calendarMethod ? [t('calendar')] : [])],
      action: { label: t('manage'), url: input.manageUrl },
      finePrint: [t('footer', { organiser: event.organiser.name })],
    });
    const email: RenderedEmail = { subject: t(`${key}.subject`, { title }), html, text };
    if (calendarMethod) {
      email.calendar = buildCalendarInvite({
        method: calendarMethod,
        // An occurrence of a series is an instance of the series' calendar entry, so it joins it rather than doubling it.
        uid: `${event.occurrenceOf?.seriesId ?? event.eventId}@${input.uidDomain}`,
        recurrenceId: event.occurrenceOf ? new Date(event.occurrenceOf.recurrenceId) : null,
        sequence: event.sequence,
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        summary: title,
        description: [...details, input.manageUrl].join('\n'),
        location: joinUrl && !event.venue ? joinUrl : where,
        url: joinUrl,
        organiser: event.organiser,
        attendee: { name: input.name, email: input.email },
      });
    }
    return email;
  }
}

/** "24. november 2026 kl. 10:00–12:00 (Europe/Oslo)": the event's own zone, which is where people will be. */
function formatSpan(start: Date, end: Date, timeZone: string, language: Language): string {
  return `${formatTimeSpan(start, end, language, timeZone)} (${timeZone})`;
}
