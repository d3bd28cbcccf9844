import { membershipTermsProblem, standingOn, todayIn } from './membership-terms';

describe('membership terms', () => {
  it('accept a member without an end date and an observer with one after joining', () => {
    expect(membershipTermsProblem({ status: 'member', joinedOn: '2003-01-01', observerUntil: null })).toBeNull();
    expect(membershipTermsProblem({ status: 'observer', joinedOn: '2024-03-01', observerUntil: '2025-02-28' })).toBeNull();
  });

  it('refuse an end date for a member, and an observer without one or ending before it joined', () => {
    expect(membershipTermsProblem({ status: 'member', joinedOn: '2024-03-01', observerUntil: '2025-02-28' })?.field).toBe('observerUntil');
    expect(membershipTermsProblem({ status: 'observer', joinedOn: '2024-03-01', observerUntil: null })).toEqual({
      field: 'observerUntil',
      problem: 'an observer needs the last day of the observation',
    });
    expect(membershipTermsProblem({ status: 'observer', joinedOn: '2024-03-01', observerUntil: '2024-03-01' })?.problem).toBe(
      'must be after joinedOn',
    );
  });

  it('count an observer as current up to and including its last day, and as ended the day after', () => {
    const observer = { status: 'observer', joinedOn: '2023-03-01', observerUntil: '2024-02-29' } as const;
    expect(standingOn(observer, '2023-02-28')).toBe('upcoming');
    expect(standingOn(observer, '2023-03-01')).toBe('current');
    expect(standingOn(observer, '2024-02-29')).toBe('current');
    expect(standingOn(observer, '2024-03-01')).toBe('ended');
  });

  it('never end a member', () => {
    expect(standingOn({ status: 'member', joinedOn: '2003-01-01', observerUntil: null }, '2099-12-31')).toBe('current');
  });

  it('take today in the given time zone', () => {
    const lateEvening = new Date('2024-12-31T22:30:00Z');
    expect(todayIn('Europe/Stockholm', lateEvening)).toBe('2024-12-31');
    expect(todayIn('Europe/Helsinki', lateEvening)).toBe('2025-01-01');
  });
});
