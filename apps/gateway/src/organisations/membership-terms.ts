import type { FieldProblem } from '@hub/http';
import type { MembershipStatus } from './membership.schema';

export interface MembershipTerms {
  status: MembershipStatus;
  /** YYYY-MM-DD */
  joinedOn: string;
  /** YYYY-MM-DD, the last day of an observer's observation; null for a member. */
  observerUntil: string | null;
}

/**
 * Whether an organisation takes part in the network on a given day. `ended`: an observer whose observation is
 * over (Klimatkommunerna lets a municipality observe for a year before it applies); it no longer counts as a
 * participant, and its coordinators see it so they can make it a member or remove it.
 */
export type Standing = 'upcoming' | 'current' | 'ended';

/** The first thing wrong with the terms, or null: only an observer has an end date, and it ends after it joined. */
export function membershipTermsProblem({ status, joinedOn, observerUntil }: MembershipTerms): FieldProblem | null {
  if (status === 'member' && observerUntil !== null) {
    return { field: 'observerUntil', problem: 'only an observer has an end date; leave it out for a member' };
  }
  if (status === 'observer' && observerUntil === null) {
    return { field: 'observerUntil', problem: 'an observer needs the last day of the observation' };
  }
  if (status === 'observer' && observerUntil! <= joinedOn) {
    return { field: 'observerUntil', problem: 'must be after joinedOn' };
  }
  return null;
}

/** The terms' standing on `today` (YYYY-MM-DD); an observer still observes on its last day. */
export function standingOn(terms: MembershipTerms, today: string): Standing {
  if (terms.joinedOn > today) return 'upcoming';
  if (terms.status === 'observer' && terms.observerUntil !== null && terms.observerUntil < today) return 'ended';
  return 'current';
}

/** The calendar date (YYYY-MM-DD) of `now` in the time zone, e.g. a network's: past 23:00 UTC it is tomorrow in Helsinki. */
export function todayIn(timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}
