import { Injectable } from '@nestjs/common';
import Holidays from 'date-holidays';
import { DateTime } from 'luxon';
import type { InternalProgrammeRequest, ProgrammeProposal, ProgrammeProposals } from '@hub/contracts';

const WEEKDAY_NUMBER = { monday: 1, tuesday: 2, wednesday: 3, thursday: 4, friday: 5 } as const;
/** Months outside the summer holiday (fellesferie, July), over which meetings are spread by default. */
const MEETING_MONTHS = [1, 2, 3, 4, 5, 6, 8, 9, 10, 11, 12];
/** Late November to mid December. */
const GATHERING_WINDOW = { from: { month: 11, day: 20 }, to: { month: 12, day: 15 } };

type Kind = ProgrammeProposal['kind'];

/**
 * Proposes a year's network meetings and the pre-Christmas gathering on days people can come: a weekday, not a
 * public holiday or a "bank" day off of the network's country (date-holidays: julaften, midsommarafton, nyårsafton
 * are bank days), not in July, not in a school break, not a date the network blocked. Each proposal lists the dates
 * it passed over and why, so a coordinator can see what was avoided.
 */
@Injectable()
export class ProgrammePlanner {
  plan(request: InternalProgrammeRequest): ProgrammeProposals {
    const daysOff = this.daysOff(request);
    const proposals: ProgrammeProposal[] = [];
    const unplaced: ProgrammeProposals['unplaced'] = [];

    const { meetings } = request;
    const months = meetings.months ?? spreadOver(MEETING_MONTHS, meetings.count);
    for (const month of months.slice(0, meetings.count)) {
      const first = DateTime.fromObject({ year: request.year, month, day: 1 }, { zone: request.timeZone });
      const days = Array.from({ length: first.daysInMonth! }, (_, i) => first.plus({ days: i }));
      const found = this.firstFree('network-meeting', days, meetings.weekday, daysOff, request, meetings);
      if (found) proposals.push(found);
      else unplaced.push({ kind: 'network-meeting', month, reason: `no free weekday in ${first.toFormat('yyyy-MM')}` });
    }

    if (request.gathering) {
      const from = DateTime.fromObject({ year: request.year, ...GATHERING_WINDOW.from }, { zone: request.timeZone });
      const to = DateTime.fromObject({ year: request.year, ...GATHERING_WINDOW.to }, { zone: request.timeZone });
      const days = Array.from({ length: to.diff(from, 'days').days + 1 }, (_, i) => from.plus({ days: i }));
      const found = this.firstFree('gathering', days, request.gathering.weekday, daysOff, request, request.gathering);
      if (found) proposals.push(found);
      else unplaced.push({ kind: 'gathering', month: null, reason: 'no free weekday between 20 November and 15 December' });
    }
    return { year: request.year, proposals, unplaced };
  }

  /** The first day of the preferred weekday that is free; failing that, the first free weekday of any kind. */
  private firstFree(
    kind: Kind,
    days: DateTime[],
    weekday: keyof typeof WEEKDAY_NUMBER,
    daysOff: Map<string, string[]>,
    request: InternalProgrammeRequest,
    timing: { startTime: string; durationMinutes: number },
  ): ProgrammeProposal | null {
    const avoided: ProgrammeProposal['avoided'] = [];
    const preferred = days.filter((day) => day.weekday === WEEKDAY_NUMBER[weekday]);
    const others = days.filter((day) => day.weekday !== WEEKDAY_NUMBER[weekday] && day.weekday <= 5);
    for (const day of [...preferred, ...others]) {
      const date = day.toISODate()!;
      const reasons = daysOff.get(date);
      if (reasons) {
        avoided.push({ date, reasons });
        continue;
      }
      const start = DateTime.fromISO(`${date}T${timing.startTime}`, { zone: request.timeZone });
      return {
        kind,
        date,
        startsAt: start.toUTC().toISO()!,
        endsAt: start.plus({ minutes: timing.durationMinutes }).toUTC().toISO()!,
        timeZone: request.timeZone,
        avoided,
      };
    }
    return null;
  }

  /** Every date of the year that is off, with the reasons, as local ISO dates. */
  private daysOff(request: InternalProgrammeRequest): Map<string, string[]> {
    const off = new Map<string, string[]>();
    const add = (date: string, reason: string) => off.set(date, [...(off.get(date) ?? []), reason]);
    const holidays = new Holidays(request.country);
    for (const holiday of holidays.getHolidays(request.year)) {
      if (holiday.type === 'public' || holiday.type === 'bank') add(holiday.date.slice(0, 10), `${holiday.type} holiday: ${holiday.name}`);
    }
    const first = DateTime.fromObject({ year: request.year, month: 1, day: 1 });
    for (let day = first; day.year === request.year; day = day.plus({ days: 1 })) {
      const date = day.toISODate()!;
      if (day.weekday >= 6) add(date, 'weekend');
      if (day.month === 7) add(date, 'summer holiday (July)');
      for (const schoolBreak of request.schoolBreaks) if (schoolBreak.from <= date && date <= schoolBreak.to) add(date, `school break: ${schoolBreak.name}`);
    }
    for (const date of request.blockedDates) add(date, 'blocked by the network');
    return off;
  }
}

/** `count` months picked evenly from `months`, e.g. 3 of the months outside July: February, June, November. */
function spreadOver(months: number[], count: number): number[] {
  return Array.from({ length: count }, (_, i) => months[Math.floor(((i + 0.5) * months.length) / count)]);
}
