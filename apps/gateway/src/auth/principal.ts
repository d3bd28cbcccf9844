import type { Role } from './role';

/**
 * Who is calling, as established by the auth guard; the network of every request comes from here, never from a
 * client-supplied id.
 */
export type Principal =
  | { kind: 'coordinator'; accountId: string; email: string; networkId: string; role: Role; sessionId: string }
  | { kind: 'api-key'; keyId: string; name: string; networkId: string; role: Role };

/** For audit entries and logs: who acted, without secrets. */
export function actorOf(principal: Principal): { kind: Principal['kind']; id: string; label: string } {
  return principal.kind === 'coordinator'
    ? { kind: 'coordinator', id: principal.accountId, label: principal.email }
    : { kind: 'api-key', id: principal.keyId, label: principal.name };
}
