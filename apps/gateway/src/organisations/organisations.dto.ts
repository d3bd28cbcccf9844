import { z } from 'zod';
import { MEMBERSHIP_STATUSES, MembershipStatus } from './membership.schema';
import { membershipTermsProblem, Standing } from './membership-terms';
import { officialCodeProblem } from './official-code';
import { COUNTRIES, Country, Organisation, ORGANISATION_KINDS, OrganisationKind } from './organisation.schema';

/** `?q=` of the lookup and of the organisation search: a name or an official code. */
export const searchQuerySchema = z.object({
  q: z.string('write a name or an official code').trim().min(1, 'write a name or an official code').max(100, 'at most 100 characters'),
});
export type SearchQuery = z.infer<typeof searchQuerySchema>;

/** The coordinators' organisation search: without `q`, every organisation. */
export const organisationSearchQuerySchema = z.object({ q: searchQuerySchema.shape.q.optional() });
export type OrganisationSearchQuery = z.infer<typeof organisationSearchQuerySchema>;

const calendarDate = z.iso.date('a date as YYYY-MM-DD');

export const newOrganisationSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(ORGANISATION_KINDS),
    country: z.enum(COUNTRIES),
    officialCode: z.string().trim().optional(),
    inhabitants: z.number().int().nonnegative().max(100_000_000).optional(),
  })
  .superRefine((organisation, context) => {
    if (organisation.officialCode === undefined) return;
    const problem = officialCodeProblem(organisation.country, organisation.kind, organisation.officialCode);
    if (problem) context.addIssue({ code: 'custom', path: ['officialCode'], message: problem });
  });
export type NewOrganisation = z.infer<typeof newOrganisationSchema>;

const existingOrganisationSchema = z.object({ id: z.uuid() }).strict();
export type ExistingOrganisation = z.infer<typeof existingOrganisationSchema>;

/**
 * `{ id }` of an organisation found with the search, or a new organisation. Chosen by the presence of `id` rather
 * than with a union, so that a 400 names the field of the one shape meant (`organisation.officialCode`).
 */
const organisationReferenceSchema = z.unknown().transform((value, context): ExistingOrganisation | NewOrganisation => {
  const schema = typeof value === 'object' && value !== null && 'id' in value ? existingOrganisationSchema : newOrganisationSchema;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) context.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  return z.NEVER;
});

const TERMS_FIELDS = ['status', 'joinedOn', 'observerUntil'];

export const addMembershipSchema = z
  .object({
    organisation: organisationReferenceSchema,
    status: z.enum(MEMBERSHIP_STATUSES),
    joinedOn: calendarDate,
    observerUntil: calendarDate.optional(),
  })
  .superRefine(
    (body, context) => {
      const problem = membershipTermsProblem({ ...body, observerUntil: body.observerUntil ?? null });
      if (problem) context.addIssue({ code: 'custom', path: [problem.field], message: problem.problem });
    },
    // Also when the organisation is wrong, so that one 400 names every field to fix; never when the body is not
    // an object at all (a missing body would otherwise reach the check as undefined and throw: a 500).
    {
      when: ({ value, issues }) =>
        typeof value === 'object' && value !== null && issues.every((issue) => !TERMS_FIELDS.includes(String(issue.path?.[0]))),
    },
  );
export type AddMembership = z.infer<typeof addMembershipSchema>;

/**
 * A change of status or dates. Making an observer a member clears its end date; the terms as they stand after the
 * change are checked by the service.
 */
export const updateMembershipSchema = z
  .object({
    status: z.enum(MEMBERSHIP_STATUSES).optional(),
    joinedOn: calendarDate.optional(),
    observerUntil: calendarDate.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, 'give status, joinedOn or observerUntil');
export type UpdateMembership = z.infer<typeof updateMembershipSchema>;

export interface OrganisationView {
  id: string;
  name: string;
  kind: OrganisationKind;
  country: Country;
  officialCode: string | null;
  inhabitants: number | null;
}

export function organisationView({ _id, name, kind, country, officialCode, inhabitants }: Organisation): OrganisationView {
  return { id: _id, name, kind, country, officialCode, inhabitants };
}

/** A membership as the network's coordinators see it, ended observations included. */
export interface MembershipView {
  id: string;
  organisation: OrganisationView;
  status: MembershipStatus;
  joinedOn: string;
  observerUntil: string | null;
  standing: Standing;
}

/** The public answer to "which networks is my municipality in?": current participation in public networks only. */
export interface LookupAnswer {
  query: string;
  results: Array<{
    organisation: OrganisationView;
    networks: Array<{
      networkId: string;
      slug: string;
      name: string;
      status: MembershipStatus;
      joinedOn: string;
      observerUntil: string | null;
    }>;
  }>;
}
