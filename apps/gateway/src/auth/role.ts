import { z } from 'zod';

/**
 * A coordinator's role in one network. owner: everything, including coordinators, API keys and settings.
 * coordinator: lists, newsletters, events, registrations, member organisations. viewer: read only.
 */
export const ROLES = ['viewer', 'coordinator', 'owner'] as const;
export const roleSchema = z.enum(ROLES);
export type Role = z.infer<typeof roleSchema>;

/** Roles are ordered: an owner may do what a coordinator may, a coordinator what a viewer may. */
export function hasAtLeast(role: Role, required: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(required);
}
