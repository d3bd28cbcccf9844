import type { HubProcesses } from '../../support/hub-processes';

/** Start-up on a shared 2-core machine under load can take over a minute; these tests wait for it. */
export const READY_MS = 180_000;

export async function startSlowly(hub: HubProcesses, names: Parameters<HubProcesses['start']>[0] & string[], overrides: Record<string, string>): Promise<void> {
  // Assigns every service its port, so each one started knows where the others will be.
  await hub.start([], overrides);
  for (const name of names) hub.spawn(name, overrides);
  await Promise.all(names.map((name) => hub.waitReady(name, READY_MS)));
}
