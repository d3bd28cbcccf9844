import type { CreateNetworkEvent } from '@hub/contracts';
import type { GatewayClient } from '../../support/gateway-client';

/** A network event body that passes validation; tests override what they are about. */
export function eventBody(overrides: Partial<CreateNetworkEvent> = {}): Record<string, unknown> {
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  return {
    kind: 'webinar',
    title: { nb: 'Webinar om klimabudsjett', en: 'Climate budget webinar' },
    description: { nb: 'Hvordan kommunene lager klimabudsjett.' },
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 90 * 60_000).toISOString(),
    timeZone: 'Europe/Oslo',
    joinUrl: 'https://meet.example/secret-room',
    organiser: { name: 'Klimasekretariatet', email: 'sekretariat@network.example' },
    capacity: 100,
    ...overrides,
  };
}

/** Creates and publishes an event through the gateway as the given coordinator; returns its id. */
export async function publishedEvent(coordinator: GatewayClient, overrides: Partial<CreateNetworkEvent> = {}): Promise<string> {
  const created = await coordinator.request('POST', '/api/v1/network-events', eventBody(overrides));
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const published = await coordinator.request('POST', `/api/v1/network-events/${id}/transitions`, { to: 'published' });
  if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${await published.text()}`);
  return id;
}

/** Runs `tasks` with at most `limit` in flight, like a pool of concurrent clients. */
export async function inPool<T>(limit: number, tasks: Array<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const index = next++;
        results[index] = await tasks[index]();
      }
    }),
  );
  return results;
}

/** The calendar part of a raw message, decoded, with the method its Content-Type names; null when there is none. */
export function calendarPart(raw: string): { contentType: string; ics: string } | null {
  const match = /Content-Type: (text\/calendar[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*)\r?\n((?:[^\r\n]+\r?\n)*?)\r?\n([\s\S]*?)\r?\n--/i.exec(raw);
  if (!match) return null;
  const [, contentType, moreHeaders, body] = match;
  const encoding = /Content-Transfer-Encoding: (\S+)/i.exec(moreHeaders)?.[1]?.toLowerCase();
  const ics =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8')
        : body;
  return { contentType: contentType.replace(/\s+/g, ' '), ics };
}
