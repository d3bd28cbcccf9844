import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NewsletterContent, NEWSLETTER_PLACEHOLDERS } from '@hub/contracts';

/**
 * A stand-in for campaigns' `GET /internal/newsletter-sends/:sendId/content/:language`, for delivery's bulk tests:
 * a real HTTP server that checks the internal secret and serves the sends in `states`, which a test may pause.
 */
export class CampaignsStandIn {
  readonly states = new Map<string, NewsletterContent['state']>();
  requests = 0;
  private server: Server | undefined;
  url = '';

  constructor(private readonly secret: string) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const match = /^\/internal\/newsletter-sends\/([^/]+)\/content\/([a-z]{2})$/.exec(req.url ?? '');
      const state = match && this.states.get(decodeURIComponent(match[1]));
      if (req.headers['x-internal-secret'] !== this.secret || !match || !state) {
        res.writeHead(req.headers['x-internal-secret'] !== this.secret ? 401 : 404, { 'content-type': 'application/json' }).end('{}');
        return;
      }
      this.requests += 1;
      const content: NewsletterContent = {
        sendId: decodeURIComponent(match[1]),
        language: match[2] as NewsletterContent['language'],
        subject: 'Nyhetsbrev: grønne byer',
        html: `<p>Hei!</p><p><a href="${NEWSLETTER_PLACEHOLDERS.unsubscribeUrl}">Avslutt</a> · <a href="${NEWSLETTER_PLACEHOLDERS.preferencesUrl}">Innstillinger</a></p>`,
        text: `Hei!\nAvslutt: ${NEWSLETTER_PLACEHOLDERS.unsubscribeUrl}\nInnstillinger: ${NEWSLETTER_PLACEHOLDERS.preferencesUrl}`,
        state,
      };
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(content));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
