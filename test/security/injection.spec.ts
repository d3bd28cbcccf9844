import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { MailpitClient, TestRun } from '@hub/testing';
import { eventBody, publishedEvent } from '../integration/scheduling/scheduling-fixtures';
import { GatewayClient } from '../support/gateway-client';
import { headerLines, rawMessage, SecurityStack, startSecurityStack } from './security-stack';

jest.setTimeout(180_000);

const network = DEMO_NETWORKS[0];
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;

/**
 * Hostile text in every place a stranger or a careless coordinator can put it, followed to where it ends up: the
 * emails actually delivered (raw headers in Mailpit), the CSV export, the public pages; and hostile bodies at the
 * edge. Contact CSV exports are covered in test/integration/audience/csv.spec.ts, a JSON body over the limit on
 * sign-in in test/integration/gateway/access.spec.ts.
 */
describe('security: injection', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let stack: SecurityStack;

  beforeAll(async () => {
    stack = await startSecurityStack(run);
  });

  afterAll(async () => {
    await stack?.close();
    await run.cleanup();
  });

  const visitor = (ip: string) => new GatewayClient(stack.gateway.url).withIp(ip);

  /** Headers a line break could smuggle in, and a MIME boundary that would start a part of the attacker's own. */
  const smuggled = (victim: string) => `\r\nBcc: ${victim}\r\nX-Injected: yes\r\n\r\n--hub-boundary\r\nContent-Type: text/html\r\n\r\n<script>alert(1)</script>`;

  const expectHarmless = async (messageId: string, victim: string) => {
    const raw = await rawMessage(run.stack.mailpitUrl, messageId);
    const headers = headerLines(raw);
    const names = headers.map(([name]) => name);
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    expect(names.filter((name) => name === 'subject')).toHaveLength(1);
    expect(names.filter((name) => name === 'to')).toHaveLength(1);
    // The attacker's "--hub-boundary" line may stand in a text part; it splits nothing, as the parts are delimited
    // by the random boundaries nodemailer chose.
    expect([...raw.matchAll(/boundary="?([^";\r\n]+)/gi)].map((match) => match[1])).not.toContain('hub-boundary');
    const message = await mailpit.message(messageId);
    expect(message.HTML).not.toContain('<script>');
    return { headers, message, victim };
  };

  it('keeps line breaks and MIME boundaries in event titles and participant names inside their header and part', async () => {
    const victim = run.email('victim-registration');
    const title = `Webbinarium ${run.id}${smuggled(victim)}`;
    const eventId = await publishedEvent(stack.owner, { title: { sv: title } });
    const email = run.email('registrant');
    const registered = await visitor('192.0.2.61').request('POST', `/api/v1/networks/${network.slug}/events/${eventId}/registrations`, {
      name: `Eve${smuggled(victim)}`,
      email,
      organisation: `Org${smuggled(victim)}`,
      language: 'sv',
      consent: true,
    });
    expect(registered.status).toBe(200);

    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const { headers } = await expectHarmless(message.ID, victim);
    const subject = headers.find(([name]) => name === 'subject')![1];
    expect(message.Subject).toContain(`Webbinarium ${run.id}`);
    expect(subject).not.toMatch(/[\r\n]/);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await mailpit.messagesTo(victim)).toHaveLength(0);
  });

  it('keeps line breaks in a subscriber’s name out of the confirmation email’s headers', async () => {
    const victim = run.email('victim-subscription');
    const email = run.email('subscriber');
    const response = await visitor('192.0.2.62').request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email, name: `Eve${smuggled(victim)}`.slice(0, 200), language: 'sv', listIds: [list.id] });
    expect(response.status).toBe(202);
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    await expectHarmless(message.ID, victim);
    expect(await mailpit.messagesTo(victim)).toHaveLength(0);
  });

  it('refuses line breaks in the network’s sender name, which becomes the From header', async () => {
    const response = await stack.owner.request('PATCH', '/api/v1/network', { sender: { fromName: `Klimat\r\nBcc: ${run.email('victim-sender')}` } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('fromName');
  });

  it('exports participants’ formulas as inert text in the registrations CSV', async () => {
    const eventId = await publishedEvent(stack.owner, { title: { sv: `CSV ${run.id}` } });
    const formulas = ['=HYPERLINK("http://evil.example","klicka")', '+SUM(1;2)', '-2+3', '@SUM(1)'];
    for (const [i, formula] of formulas.entries()) {
      const response = await visitor('192.0.2.63').request('POST', `/api/v1/networks/${network.slug}/events/${eventId}/registrations`, {
        name: formula,
        email: run.email(`formula-${i}`),
        organisation: formula,
        language: 'sv',
        consent: true,
      });
      expect(response.status).toBe(200);
    }
    const csv = await (await stack.owner.request('GET', `/api/v1/network-events/${eventId}/registrations/export`)).text();
    const cells = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .flatMap((row) => row.match(/("([^"]|"")*"|[^,]*)(,|$)/g)!.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')))
      .filter(Boolean);
    expect(cells.filter((cell) => /^[=+\-@]/.test(cell))).toEqual([]);
    for (const formula of formulas) expect(csv).toContain(`'${formula.replace(/"/g, '""')}`);
  });

  it('escapes script in an event title on the participant’s page and in the network description on the public pages', async () => {
    const script = '<script>alert("xss")</script><img src=x onerror=alert(1)>';
    const eventId = await publishedEvent(stack.owner, { title: { sv: `Titel ${script}` }, description: { sv: `Beskrivning ${script}` } });
    const registered = await visitor('192.0.2.64').request('POST', `/api/v1/networks/${network.slug}/events/${eventId}/registrations`, { name: 'Läsare', email: run.email('reader'), language: 'sv', consent: true });
    const [message] = await mailpit.waitForMessagesTo(run.email('reader'), 1);
    expect(message.HTML).not.toContain('<script>');
    expect(message.HTML).not.toContain('<img src=x');
    const manage = /(\/registrations\/manage\?token=[^\s&"]+)/.exec(message.Text)![1];
    expect(registered.status).toBe(200);
    const page = await (await fetch(`${stack.gateway.url}${manage}&lang=sv`)).text();
    expect(page).toContain('Titel &lt;script&gt;');
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');

    expect((await stack.owner.request('PATCH', '/api/v1/network', { description: `Om oss ${script}` })).status).toBe(200);
    for (const path of [`/networks/${network.slug}`, '/']) {
      const html = await (await fetch(`${stack.gateway.url}${path}`)).text();
      expect(html).toContain('Om oss &lt;script&gt;');
      expect(html).not.toContain('<script>alert');
      expect(html).not.toContain('<img src=x');
    }
  });

  it('refuses a join link that is not http(s), so no javascript: link reaches a page', async () => {
    const response = await stack.owner.request('POST', '/api/v1/network-events', eventBody({ joinUrl: 'javascript:alert(1)' }));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('joinUrl');
  });

  it('answers oversized JSON and form bodies with 413', async () => {
    const big = 'x'.repeat(70_000);
    expect((await visitor('192.0.2.65').request('POST', `/api/v1/networks/${network.slug}/subscriptions`, { email: 'a@b.no', name: big, language: 'sv', listIds: [list.id] })).status).toBe(413);
    const form = await fetch(`${stack.gateway.url}/networks/${network.slug}/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '192.0.2.65' },
      body: new URLSearchParams({ email: 'a@b.no', name: big }).toString(),
    });
    expect(form.status).toBe(413);
    expect((await stack.owner.request('PATCH', '/api/v1/network', { description: big })).status).toBe(413);
  });

  it('answers invalid UTF-8, malformed JSON and deeply nested JSON with 4xx, never 5xx', async () => {
    const send = (path: string, body: Buffer | string, contentType = 'application/json', client?: GatewayClient) =>
      client
        ? client.requestText('POST', path, body.toString('latin1'), contentType)
        : fetch(`${stack.gateway.url}${path}`, { method: 'POST', headers: { 'content-type': contentType, 'x-forwarded-for': '192.0.2.66' }, body });
    const subscribe = `/api/v1/networks/${network.slug}/subscriptions`;
    const invalidUtf8 = Buffer.concat([Buffer.from('{"email":"a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(`@b.no","language":"sv","listIds":["${list.id}"]}`)]);
    const nested = (depth: number) => `{"email":"a@b.no","language":"sv","listIds":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    const nestedObject = (depth: number) => `{"email":"a@b.no","language":"sv","listIds":["${list.id}"],"name":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

    const statuses = [
      (await send(subscribe, invalidUtf8)).status,
      (await send('/api/v1/auth/sign-in', Buffer.concat([Buffer.from('{"email":"owner@demo.hub.example","password":"'), Buffer.from([0xc0, 0xaf]), Buffer.from('"}')]))).status,
      (await send(subscribe, '{"email": "a@b.no", "language": "sv", "listIds": [')).status,
      (await send(subscribe, '{"email":"a@b.no"}', 'application/json; charset=utf-7')).status,
      (await send(subscribe, nested(20_000))).status,
      (await send(subscribe, nestedObject(10_000))).status,
      (await send('/api/v1/network-events', nestedObject(10_000), 'application/json', stack.owner)).status,
      (await stack.owner.requestText('PATCH', '/api/v1/network', `{"branding":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, 'application/json')).status,
      (await send(`/networks/${network.slug}/subscribe`, Buffer.concat([Buffer.from('email=a'), Buffer.from([0xff]), Buffer.from('%FF%FE@b.no&listIds=x')]), 'application/x-www-form-urlencoded')).status,
    ];
    for (const status of statuses) {
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(statuses[0]).toBe(400);
    expect(statuses[4]).toBe(400);
  });
});
