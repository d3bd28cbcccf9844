import { addMembershipSchema, searchQuerySchema, updateMembershipSchema } from './organisations.dto';

const fieldsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.')).sort();

describe('organisation DTOs', () => {
  it('take a query of 1 to 100 characters, trimmed', () => {
    expect(searchQuerySchema.parse({ q: ' Malmö ' })).toEqual({ q: 'Malmö' });
    expect(fieldsOf(searchQuerySchema.safeParse({ q: ' ' }))).toEqual(['q']);
    expect(fieldsOf(searchQuerySchema.safeParse({ q: 'x'.repeat(101) }))).toEqual(['q']);
    expect(fieldsOf(searchQuerySchema.safeParse({ q: ['Lund', 'Malmö'] }))).toEqual(['q']);
  });

  it('add an existing organisation by id, or a new one with a code of its country’s format', () => {
    const existing = { organisation: { id: '94bec4ae-f720-423b-8d3f-b7047c796aa5' }, status: 'member', joinedOn: '2003-01-01' };
    expect(addMembershipSchema.parse(existing)).toEqual(existing);
    const created = { organisation: { name: 'Ystad', kind: 'municipality', country: 'SE', officialCode: '1286' }, status: 'member', joinedOn: '2010-05-01' };
    expect(addMembershipSchema.parse(created)).toEqual(created);
  });

  it('name the nested field of the shape meant, and every problem at once', () => {
    const result = addMembershipSchema.safeParse({
      organisation: { name: 'Höganäs', kind: 'municipality', country: 'SE', officialCode: '284' },
      status: 'observer',
      joinedOn: '2025-01-01',
    });
    expect(fieldsOf(result)).toEqual(['observerUntil', 'organisation.officialCode']);
    expect(fieldsOf(addMembershipSchema.safeParse({ organisation: { id: 'not-a-uuid' }, status: 'member', joinedOn: '2025-02-30' }))).toEqual([
      'joinedOn',
      'organisation.id',
    ]);
  });

  it('answer a missing or non-object body with a problem, not a throw (found by the OpenAPI fuzzer: a 500)', () => {
    for (const body of [undefined, null, 'member', 42, []]) expect(addMembershipSchema.safeParse(body).success).toBe(false);
  });

  it('want an end date after joining for an observer, and none for a member', () => {
    const base = { organisation: { id: '94bec4ae-f720-423b-8d3f-b7047c796aa5' }, joinedOn: '2024-03-01' };
    expect(fieldsOf(addMembershipSchema.safeParse({ ...base, status: 'observer' }))).toEqual(['observerUntil']);
    expect(fieldsOf(addMembershipSchema.safeParse({ ...base, status: 'observer', observerUntil: '2024-01-01' }))).toEqual(['observerUntil']);
    expect(fieldsOf(addMembershipSchema.safeParse({ ...base, status: 'member', observerUntil: '2025-01-01' }))).toEqual(['observerUntil']);
    expect(addMembershipSchema.safeParse({ ...base, status: 'observer', observerUntil: '2025-02-28' }).success).toBe(true);
  });

  it('take a change of status or dates, and refuse an empty one or an unknown field', () => {
    expect(updateMembershipSchema.parse({ status: 'member' })).toEqual({ status: 'member' });
    expect(updateMembershipSchema.parse({ observerUntil: null })).toEqual({ observerUntil: null });
    expect(updateMembershipSchema.safeParse({}).success).toBe(false);
    expect(updateMembershipSchema.safeParse({ observer_until: '2025-01-01' }).success).toBe(false);
  });
});
