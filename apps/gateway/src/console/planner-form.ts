import type { z } from 'zod';
import type { ProgrammeSettings } from '@hub/contracts';
import type { FieldErrors } from '../pages/page-components';
import { formList, formText } from './console-forms';

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

/** The planner settings form as typed: school breaks and blocked dates one per line. */
export interface PlannerValues {
  meetingCount?: string;
  meetingMonths: string[];
  meetingWeekday?: string;
  meetingStartTime?: string;
  meetingDuration?: string;
  gathering: boolean;
  gatheringWeekday?: string;
  gatheringStartTime?: string;
  gatheringDuration?: string;
  /** `2027-02-22 2027-02-26 Winter break` per line. */
  schoolBreaks?: string;
  /** ISO dates, separated by lines, spaces or commas. */
  blockedDates?: string;
}

const BREAK_LINE = /^(\d{4}-\d{2}-\d{2})\s+(\d{4}-\d{2}-\d{2})\s+(.+)$/;

export function readPlannerForm(form: Record<string, unknown>): PlannerValues {
  const text = (name: string) => (typeof form[name] === 'string' ? String(form[name]).trim() || undefined : undefined);
  return {
    meetingCount: formText(form.meetingCount),
    meetingMonths: formList(form.meetingMonths),
    meetingWeekday: formText(form.meetingWeekday),
    meetingStartTime: formText(form.meetingStartTime),
    meetingDuration: formText(form.meetingDuration),
    gathering: form.gathering === 'true',
    gatheringWeekday: formText(form.gatheringWeekday),
    gatheringStartTime: formText(form.gatheringStartTime),
    gatheringDuration: formText(form.gatheringDuration),
    schoolBreaks: text('schoolBreaks'),
    blockedDates: text('blockedDates'),
  };
}

export function plannerValues(settings: ProgrammeSettings): PlannerValues {
  return {
    meetingCount: String(settings.meetings.count),
    meetingMonths: (settings.meetings.months ?? []).map(String),
    meetingWeekday: settings.meetings.weekday,
    meetingStartTime: settings.meetings.startTime,
    meetingDuration: String(settings.meetings.durationMinutes),
    gathering: settings.gathering !== null,
    gatheringWeekday: settings.gathering?.weekday ?? 'thursday',
    gatheringStartTime: settings.gathering?.startTime ?? '10:00',
    gatheringDuration: String(settings.gathering?.durationMinutes ?? 420),
    schoolBreaks: settings.schoolBreaks.map((b) => `${b.from} ${b.to} ${b.name}`).join('\n') || undefined,
    blockedDates: settings.blockedDates.join('\n') || undefined,
  };
}

/** The `planner` of PATCH api/v1/scheduling-settings, and the lines of breaks the form could not read. */
export function plannerRequest(values: PlannerValues): { body: Record<string, unknown>; problems: string[] } {
  const problems: string[] = [];
  const number = (value: string | undefined) => (value && /^\d+$/.test(value) ? Number(value) : value);
  const lines = (values.schoolBreaks ?? '').split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  const schoolBreaks = lines.flatMap((line) => {
    const match = BREAK_LINE.exec(line);
    if (!match) {
      problems.push('schoolBreaks');
      return [];
    }
    return [{ from: match[1], to: match[2], name: match[3] }];
  });
  const body = {
    meetings: {
      count: number(values.meetingCount),
      ...(values.meetingMonths.length > 0 && { months: values.meetingMonths.map(Number) }),
      weekday: values.meetingWeekday,
      startTime: values.meetingStartTime,
      durationMinutes: number(values.meetingDuration),
    },
    gathering: values.gathering ? { weekday: values.gatheringWeekday, startTime: values.gatheringStartTime, durationMinutes: number(values.gatheringDuration) } : null,
    schoolBreaks,
    blockedDates: (values.blockedDates ?? '').split(/[\s,]+/).filter(Boolean),
  };
  return { body, problems };
}

const MEETING_FIELDS: Record<string, string> = { count: 'meetingCount', months: 'meetingMonths', weekday: 'meetingWeekday', startTime: 'meetingStartTime', durationMinutes: 'meetingDuration' };
const GATHERING_FIELDS: Record<string, string> = { weekday: 'gatheringWeekday', startTime: 'gatheringStartTime', durationMinutes: 'gatheringDuration' };

/** A schema issue's path (`meetings.startTime`, `schoolBreaks.0.to`) → the form field, which is also its message key. */
export function plannerFieldErrors(problems: string[], issues: z.core.$ZodIssue[], message: (field: string) => string): FieldErrors {
  const errors: FieldErrors = {};
  const fields = [
    ...problems,
    ...issues.map(({ path: [head, second] }) => (head === 'meetings' ? (MEETING_FIELDS[String(second)] ?? 'meetingCount') : head === 'gathering' ? (GATHERING_FIELDS[String(second)] ?? 'gathering') : String(head))),
  ];
  for (const field of fields) errors[field] ??= message(field);
  return errors;
}
