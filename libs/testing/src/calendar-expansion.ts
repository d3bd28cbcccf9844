import ICAL from 'ical.js';

/**
 * Expands a recurring calendar the way a client does (ical.js, an independent parser, with the VTIMEZONE in the
 * file) into UTC instants; a moved occurrence also says which rule instance it replaced.
 */
export function expandRecurringCalendar(ics: string): Array<{ start: string; recurrenceId: string | null }> {
  const calendar = new ICAL.Component(ICAL.parse(ics));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  const [master, ...exceptions] = calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component));
  for (const exception of exceptions) master.relateException(exception);
  const iterator = master.iterator();
  const found: Array<{ start: string; recurrenceId: string | null }> = [];
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = master.getOccurrenceDetails(next);
    const moved = details.item !== master;
    found.push({ start: details.startDate.toJSDate().toISOString(), recurrenceId: moved ? details.recurrenceId.toJSDate().toISOString() : null });
  }
  return found;
}
