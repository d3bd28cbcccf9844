import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import { internalProgrammeRequestSchema } from '@hub/contracts';
import { ProgrammePlanner } from './programme-planner';

const ZONES = { NO: 'Europe/Oslo', SE: 'Europe/Stockholm', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki' } as const;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

describe('ProgrammePlanner', () => {
  const planner = new ProgrammePlanner();

  // A property over every year of a decade, every country and every preferred weekday (Easter, Ascension, Whitsun and
  // midsummer move each year): no proposal ever falls on a day off, and each starts at the asked local time.
  it.each(Object.keys(ZONES) as Array<keyof typeof ZONES>)('never proposes a day off in %s, 2026-2035', (country) => {
    const holidays = new Holidays(country);
    for (let year = 2026; year <= 2035; year++) {
      for (const [i, weekday] of WEEKDAYS.entries()) {
        const request = internalProgrammeRequestSchema.parse({
          year,
          country,
          timeZone: ZONES[country],
          // Months with the movable feasts, so the planner has holidays to avoid.
          meetings: { count: 4, months: [4, 5, 6, 12], weekday, startTime: '09:30' },
          gathering: { weekday, startTime: '09:30' },
          schoolBreaks: [{ name: 'vinterferie', from: `${year}-02-16`, to: `${year}-02-20` }],
          blockedDates: [`${year}-05-0${1 + i}`, `${year}-12-0${1 + i}`],
        });
        const { proposals, unplaced } = planner.plan(request);
        expect(unplaced).toEqual([]);
        expect(proposals).toHaveLength(5);
        for (const proposal of proposals) {
          const start = DateTime.fromISO(proposal.startsAt, { zone: ZONES[country] });
          const dayOff = (holidays.isHoliday(start.toJSDate()) || []).filter((h) => h.type === 'public' || h.type === 'bank');
          const problem = {
            holiday: dayOff.map((h) => h.name),
            weekend: start.weekday >= 6,
            july: start.month === 7,
            blocked: request.blockedDates.includes(proposal.date),
            localTime: start.toFormat('yyyy-MM-dd HH:mm'),
          };
          expect(problem).toEqual({ holiday: [], weekend: false, july: false, blocked: false, localTime: `${proposal.date} 09:30` });
        }
        const gathering = proposals.find((p) => p.kind === 'gathering')!;
        expect(gathering.date >= `${year}-11-20` && gathering.date <= `${year}-12-15`).toBe(true);
      }
    }
  });

  it('says what it avoided: a blocked Thursday, then Ascension Day', () => {
    const { proposals } = planner.plan(
      internalProgrammeRequestSchema.parse({
        year: 2026,
        country: 'SE',
        timeZone: 'Europe/Stockholm',
        meetings: { count: 1, months: [5], weekday: 'thursday' },
        blockedDates: ['2026-05-07'],
      }),
    );
    expect(proposals[0].date).toBe('2026-05-21');
    expect(proposals[0].avoided).toEqual([
      { date: '2026-05-07', reasons: ['blocked by the network'] },
      { date: '2026-05-14', reasons: ['public holiday: Kristi himmelsfärdsdag'] },
    ]);
  });

  it('keeps the months asked for, and treats julafton and nyårsafton as days off', () => {
    const { proposals } = planner.plan(internalProgrammeRequestSchema.parse({ year: 2026, country: 'SE', timeZone: 'Europe/Stockholm', meetings: { count: 3, months: [2, 6, 12], weekday: 'thursday' } }));
    expect(proposals.map((p) => p.date.slice(5, 7))).toEqual(['02', '06', '12']);
    const december = planner.plan(
      internalProgrammeRequestSchema.parse({ year: 2026, country: 'SE', timeZone: 'Europe/Stockholm', meetings: { count: 1, months: [12], weekday: 'thursday' }, blockedDates: ['2026-12-03', '2026-12-10', '2026-12-17'] }),
    );
    expect(december.proposals[0].avoided.map((a) => a.date)).toContain('2026-12-24');
    expect(december.proposals[0].avoided.map((a) => a.date)).toContain('2026-12-31');
    // Every Thursday is off, so it falls back to the first free weekday of the month.
    expect(december.proposals[0].date).toBe('2026-12-01');
  });
});
