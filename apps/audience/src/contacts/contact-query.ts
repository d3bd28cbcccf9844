import type { AudienceFilter, ContactFilter } from '@hub/contracts';
import type { SubscriptionStatus } from '../subscriptions/contact.schema';

/**
 * What the contact list (ContactFilter) and a campaign's audience (AudienceFilter) can ask for, in one shape, so
 * that both mean the same by "role" or "attribute". Every condition given must hold; a condition's values are
 * alternatives.
 */
export interface ContactCriteria {
  /** On any of these lists, with one of `statuses` there (any status when none is given). */
  listIds?: string[];
  statuses?: SubscriptionStatus[];
  languages?: string[];
  organisationIds?: string[];
  /** Whole role, case-insensitive. */
  roles?: string[];
  /** Every key present with one of its values. */
  attributes?: Record<string, string[]>;
  /** Part of the address or the name, case-insensitive. */
  text?: string;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The MongoDB filter of the criteria (list ids and attribute keys are validated to a safe alphabet at the edge). */
export function contactQuery(criteria: ContactCriteria): Record<string, unknown> {
  const all: Array<Record<string, unknown>> = [];
  if (criteria.listIds?.length) {
    const statuses = criteria.statuses?.length ? criteria.statuses : ['pending', 'confirmed', 'unsubscribed'];
    all.push({ $or: criteria.listIds.map((listId) => ({ [`subscriptions.${listId}.status`]: { $in: statuses } })) });
  }
  if (criteria.languages?.length) all.push({ language: { $in: criteria.languages } });
  if (criteria.organisationIds?.length) all.push({ organisationId: { $in: criteria.organisationIds } });
  if (criteria.roles?.length) all.push({ $or: criteria.roles.map((role) => ({ role: { $regex: `^${escapeRegex(role.trim())}$`, $options: 'i' } })) });
  for (const [key, values] of Object.entries(criteria.attributes ?? {})) all.push({ [`attributes.${key}`]: { $in: values } });
  if (criteria.text) {
    const pattern = { $regex: escapeRegex(criteria.text), $options: 'i' };
    all.push({ $or: [{ email: pattern }, { name: pattern }] });
  }
  return all.length === 0 ? {} : all.length === 1 ? all[0] : { $and: all };
}

export function criteriaOfContactFilter(filter: ContactFilter): ContactCriteria {
  const attributes: Record<string, string[]> = {};
  for (const condition of filter.attribute ?? []) {
    const at = condition.indexOf(':');
    const key = condition.slice(0, at);
    // Two conditions on one key both hold only for a value equal to both.
    const value = condition.slice(at + 1).trim();
    attributes[key] = key in attributes ? attributes[key].filter((known) => known === value) : [value];
  }
  return {
    listIds: filter.listId ? [filter.listId] : undefined,
    statuses: filter.status ? [filter.status] : undefined,
    languages: filter.language ? [filter.language] : undefined,
    organisationIds: filter.organisationId ? [filter.organisationId] : undefined,
    roles: filter.role ? [filter.role] : undefined,
    attributes,
    text: filter.q,
  };
}

/** A campaign's audience: confirmed on one of its lists, narrowed by the profile conditions. */
export function criteriaOfAudienceFilter(filter: AudienceFilter): ContactCriteria {
  return { ...filter, statuses: ['confirmed'] };
}
