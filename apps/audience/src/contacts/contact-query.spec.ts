import { audienceFilterSchema, contactFilterSchema } from '@hub/contracts';
import { contactQuery, criteriaOfAudienceFilter, criteriaOfContactFilter } from './contact-query';

describe('contactQuery', () => {
  it('asks for nothing without criteria, and for one condition without $and', () => {
    expect(contactQuery({})).toEqual({});
    expect(contactQuery(criteriaOfContactFilter(contactFilterSchema.parse({ language: 'nb' })))).toEqual({ language: { $in: ['nb'] } });
  });

  it('reads the contact list filter: every condition holds, repeated attributes included, roles whole and case-insensitive', () => {
    const filter = contactFilterSchema.parse({ listId: 'l1', status: 'confirmed', organisationId: 'org-1', role: 'Climate adviser (C+)', attribute: ['region:innlandet', 'sector:energy'] });
    expect(contactQuery(criteriaOfContactFilter(filter))).toEqual({
      $and: [
        { $or: [{ 'subscriptions.l1.status': { $in: ['confirmed'] } }] },
        { organisationId: { $in: ['org-1'] } },
        { $or: [{ role: { $regex: '^Climate adviser \\(C\\+\\)$', $options: 'i' } }] },
        { 'attributes.region': { $in: ['innlandet'] } },
        { 'attributes.sector': { $in: ['energy'] } },
      ],
    });
  });

  it('matches nothing when one attribute is asked to equal two values', () => {
    const filter = contactFilterSchema.parse({ attribute: ['region:innlandet', 'region:viken'] });
    expect(contactQuery(criteriaOfContactFilter(filter))).toEqual({ 'attributes.region': { $in: [] } });
  });

  it('reads a campaign audience: confirmed on any of the lists, alternatives within a condition', () => {
    const filter = audienceFilterSchema.parse({ listIds: ['l1', 'l2'], roles: ['mayor', 'climate adviser'], attributes: { region: ['innlandet', 'viken'] } });
    expect(contactQuery(criteriaOfAudienceFilter(filter))).toEqual({
      $and: [
        { $or: [{ 'subscriptions.l1.status': { $in: ['confirmed'] } }, { 'subscriptions.l2.status': { $in: ['confirmed'] } }] },
        { $or: [{ role: { $regex: '^mayor$', $options: 'i' } }, { role: { $regex: '^climate adviser$', $options: 'i' } }] },
        { 'attributes.region': { $in: ['innlandet', 'viken'] } },
      ],
    });
  });

  it('refuses attribute keys that could not be field names, in both filters', () => {
    expect(contactFilterSchema.safeParse({ attribute: 'a.b:x' }).success).toBe(false);
    expect(contactFilterSchema.safeParse({ attribute: '$where:x' }).success).toBe(false);
    expect(audienceFilterSchema.safeParse({ listIds: ['l1'], attributes: { 'a.b': ['x'] } }).success).toBe(false);
  });
});
