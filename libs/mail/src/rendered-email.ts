import type { CalendarPart } from './calendar-invite';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  /** An invite or cancellation for the recipient's calendar. */
  calendar?: CalendarPart;
}
