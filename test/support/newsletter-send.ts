import { DEMO_NETWORKS } from '@hub/demo-data';
import { TestRun, waitFor } from '@hub/testing';
import { seedConfirmedSubscribers } from './confirmed-subscribers';
import type { GatewayClient } from './gateway-client';

const network = DEMO_NETWORKS[0];

/**
 * What the crash tests of a newsletter send set up, through a signed-in owner of the first demo network: a postal
 * address (a send is refused without one), a list of `count` confirmed subscribers writing Swedish and English in
 * turn, and a newsletter in both languages, sent. Returns the newsletter's id.
 */
export async function sendToConfirmedSubscribers(run: TestRun, owner: GatewayClient, { name, count, emailOf }: { name: string; count: number; emailOf: (i: number) => string }): Promise<string> {
  const sender = { fromName: 'Klimatkommunerna', fromAddress: 'kansliet@klimatkommunerna.example', replyTo: null, postalAddress: 'Box 1, 111 11 Stockholm' };
  const answer = async <T>(response: Promise<Response>, what: string): Promise<T> => {
    const done = await response;
    if (!done.ok) throw new Error(`${what}: ${done.status} ${await done.text()}`);
    return (await done.json()) as T;
  };
  await answer(owner.request('PATCH', '/api/v1/network', { sender }), 'setting the postal address');
  const { id: listId } = await answer<{ id: string }>(owner.request('POST', '/api/v1/lists', { names: { sv: name }, defaultLanguage: 'sv', optInMode: 'single' }), 'creating the list');
  await seedConfirmedSubscribers(run, { networkId: network.id, listId, count, emailOf, languageOf: (i) => (i % 2 ? 'en' : 'sv') });
  const { id } = await answer<{ id: string }>(
    owner.request('POST', '/api/v1/newsletters', { listIds: [listId], issues: { sv: { subject: name, markdown: 'Hej' }, en: { subject: name, markdown: 'Hello' } } }),
    'creating the newsletter',
  );
  await waitFor('the network profile in campaigns', async () => ((await owner.request('GET', `/api/v1/newsletters/${id}/preview/sv`)).status === 200 ? true : undefined));
  await answer(owner.request('POST', `/api/v1/newsletters/${id}/send`), 'sending');
  return id;
}
