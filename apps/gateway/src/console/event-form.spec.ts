import { createNetworkEventSchema, type NetworkEventView } from '@hub/contracts';
import { eventFieldErrors, eventFormValues, eventRequest, fromLocal, readEventForm, toLocal } from './event-form';

const LANGUAGES = ['sv', 'en'] as const;

const FORM = {
  kind: 'webinar',
  title_sv: 'Webbinarium om klimatbudget',
  title_en: '',
  description_en: 'How municipalities set a carbon budget.',
  startsAt: '2027-03-30T10:00',
  endsAt: '2027-03-30T11:30',
  timeZone: 'Europe/Stockholm',
  joinUrl: 'https://meet.example/budget',
  organiserName: 'Klimatkommunerna',
  organiserEmail: 'kansliet@klimatkommunerna.example',
  capacity: '40',
  registrationClosesAt: '2027-03-29T12:00',
  visibility: 'members',
  approvalRequired: 'true',
  questionSlots: '3',
  q1_kind: 'choice',
  q1_required: 'true',
  q1_label_sv: 'Spår',
  q1_label_en: 'Track',
  q1_options_sv: 'Introduktion\nFördjupning\n',
  q1_options_en: 'Introduction\r\nIn depth',
  q2_kind: '',
  q2_label_sv: '',
  q3_kind: 'yes-no',
  q3_label_sv: 'Vill du ha inspelningen?',
};

describe('the console’s event form', () => {
  it('turns local wall-clock times in the named zone into instants, on both sides of the DST change', () => {
    expect(fromLocal('2027-03-27T10:00', 'Europe/Oslo')).toBe('2027-03-27T09:00:00.000Z');
    expect(fromLocal('2027-03-29T10:00', 'Europe/Oslo')).toBe('2027-03-29T08:00:00.000Z');
    expect(fromLocal('2027-03-29T10:00', 'Europe/Helsinki')).toBe('2027-03-29T07:00:00.000Z');
    expect(fromLocal('tomorrow', 'Europe/Oslo')).toBeNull();
    expect(toLocal('2027-03-29T08:00:00.000Z', 'Europe/Oslo')).toBe('2027-03-29T10:00');
  });

  it('builds the scheduling API’s body from the form: languages left empty are absent, questions numbered by slot', () => {
    const { body, problems, slots } = eventRequest(readEventForm(FORM, LANGUAGES));
    expect(problems).toEqual([]);
    expect(slots).toEqual([1, 3]);
    const event = createNetworkEventSchema.parse(body);
    expect(event).toMatchObject({
      kind: 'webinar',
      title: { sv: 'Webbinarium om klimatbudget' },
      description: { en: 'How municipalities set a carbon budget.' },
      startsAt: '2027-03-30T08:00:00.000Z',
      endsAt: '2027-03-30T09:30:00.000Z',
      registrationOpensAt: null,
      registrationClosesAt: '2027-03-29T10:00:00.000Z',
      venue: null,
      capacity: 40,
      visibility: 'members',
      approvalRequired: true,
    });
    expect(event.questions).toEqual([
      {
        id: 'q1',
        kind: 'choice',
        required: true,
        label: { sv: 'Spår', en: 'Track' },
        options: [
          { id: 'o1', label: { sv: 'Introduktion', en: 'Introduction' } },
          { id: 'o2', label: { sv: 'Fördjupning', en: 'In depth' } },
        ],
      },
      { id: 'q3', kind: 'yes-no', required: false, label: { sv: 'Vill du ha inspelningen?' } },
    ]);
  });

  it('names the field of every problem, with the question’s own slot number', () => {
    const form = { ...FORM, title_sv: '', startsAt: '', joinUrl: '', capacity: 'many', q1_options_en: 'Introduction', q3_label_sv: '' };
    const { body, problems, slots } = eventRequest(readEventForm(form, LANGUAGES));
    const parsed = createNetworkEventSchema.safeParse(body);
    expect(parsed.success).toBe(false);
    const errors = eventFieldErrors(problems, parsed.success ? [] : parsed.error.issues, LANGUAGES, slots, (key) => key);
    expect(errors).toEqual({
      startsAt: 'startsAt',
      q1_options_sv: 'optionLines',
      title_sv: 'title',
      joinUrl: 'joinUrl',
      capacity: 'capacity',
      q3_label_sv: 'questionLabel',
    });
  });

  it('shows a stored event in its own zone, so saving it unchanged gives back the same body', () => {
    const event = createNetworkEventSchema.parse(eventRequest(readEventForm(FORM, LANGUAGES)).body);
    const stored = { ...event, id: 'e1', status: 'draft', description: event.description ?? {} } as unknown as NetworkEventView;
    const values = eventFormValues(stored);
    expect(values).toMatchObject({ startsAt: '2027-03-30T10:00', registrationClosesAt: '2027-03-29T12:00', capacity: '40' });
    expect(values.questions[0].options).toEqual({ sv: 'Introduktion\nFördjupning', en: 'Introduction\nIn depth' });
    expect(createNetworkEventSchema.parse(eventRequest(values).body)).toEqual(event);
  });
});
