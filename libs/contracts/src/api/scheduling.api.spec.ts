import { sameSharedValue, updateEventSeriesSchema, updateNetworkEventSchema } from './scheduling.api';

describe('changes of events and series', () => {
  // zod 4 fills a default even inside optional(): a change of the capacity alone must not reset the rest.
  it('carries only the fields a change names', () => {
    expect(updateNetworkEventSchema.parse({ capacity: 5 })).toEqual({ capacity: 5 });
    expect(updateEventSeriesSchema.parse({ capacity: 5 })).toEqual({ capacity: 5 });
    expect(updateNetworkEventSchema.parse({ visibility: 'members', registrationOpensAt: null })).toEqual({ visibility: 'members', registrationOpensAt: null });
  });

  it('refuses an empty change and fields a series does not share', () => {
    expect(updateEventSeriesSchema.safeParse({}).success).toBe(false);
    expect(updateEventSeriesSchema.safeParse({ startsAt: '2027-03-16T09:00:00Z' }).error?.issues[0].message).toContain('startsAt');
  });

  it('compares shared values whatever the order of their keys', () => {
    expect(sameSharedValue({ nb: 'a', en: 'b' }, { en: 'b', nb: 'a' })).toBe(true);
    expect(sameSharedValue({ name: 'x', address: '' }, { name: 'x', address: 'y' })).toBe(false);
    expect(sameSharedValue(null, undefined)).toBe(true);
  });
});
