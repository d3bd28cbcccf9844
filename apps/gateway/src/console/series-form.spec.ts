import type { EventSeriesView } from '@hub/contracts';
import { seriesChanges, seriesFormValues, seriesRefusalErrors } from './series-form';

const series = {
  id: 's1',
  kind: 'webinar',
  title: { sv: 'Klimat', en: 'Climate' },
  description: {},
  timeZone: 'Europe/Stockholm',
  firstStartsAt: '2027-03-16T10:00',
  startTime: '10:00',
  durationMinutes: 60,
  rrule: 'FREQ=WEEKLY;COUNT=4',
  calendarRrule: 'FREQ=WEEKLY;COUNT=4',
  exceptions: ['2027-03-30', '2027-03-23'],
  excludedStarts: [],
  venue: null,
  organiser: { name: 'Sekretariatet', email: 'sek@network.example' },
  joinUrl: 'https://meet.example/a',
  capacity: 40,
  visibility: 'public',
  approvalRequired: false,
  questions: [],
  occurrences: [],
} as EventSeriesView;
const message = (key: string) => key;

describe('the series editor form', () => {
  it('sends nothing for the series as it is, whatever the order of the skipped dates', () => {
    expect(seriesChanges(seriesFormValues(series), series, ['sv', 'en'], message)).toEqual({ changes: null });
  });

  it('sends only what changed, as the API takes it', () => {
    const values = { ...seriesFormValues(series), capacity: '50', durationMinutes: '90', title: { sv: 'Klimat', en: 'Climate budgets' }, exceptions: '2027-03-23\n2027-03-30\n2027-04-06' };
    expect(seriesChanges(values, series, ['sv', 'en'], message)).toEqual({
      changes: { capacity: 50, durationMinutes: 90, title: { sv: 'Klimat', en: 'Climate budgets' }, exceptions: ['2027-03-23', '2027-03-30', '2027-04-06'] },
    });
  });

  it('names the form fields of what the schema refuses', () => {
    const values = { ...seriesFormValues(series), durationMinutes: '2', organiserEmail: 'nope', title: {} };
    expect(seriesChanges(values, series, ['sv', 'en'], message)).toEqual({ errors: { durationMinutes: 'durationMinutes', organiserEmail: 'organiserEmail', title_sv: 'title' } });
  });

  it('puts the API refusal beside its fields, with its own words for seats that cannot shrink', () => {
    expect(seriesRefusalErrors("capacity: a published occurrence's capacity can only grow (x has 40); joinUrl: a webinar needs a join URL", ['sv'], message)).toEqual({
      capacity: 'capacityShrink',
      joinUrl: 'joinUrl',
    });
  });
});
