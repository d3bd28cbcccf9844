import { Inject, Injectable, Logger } from '@nestjs/common';
import mimeFuncs from 'nodemailer/lib/mime-funcs';
import { APP_CONFIG } from '@hub/config';
import { BulkMailJob, MAIL_QUEUES, NEWSLETTER_PLACEHOLDERS, NewsletterContent } from '@hub/contracts';
import type { DeliveryConfig } from '../delivery.config';
import type { SendingIdentity } from '../sender-identities/sender-identities.service';
import { claimIdOf, MailSender, MessageContent, NEWSLETTER_BLOCKED_BY, SendOutcome } from '../sending/mail.sender';
import { SourceSummaryStore } from '../source-summaries/source-summary.store';
import { NewsletterContentClient } from './newsletter-content.client';
import { PreEncodedPart } from './pre-encoded-part';

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/**
 * The List-Id phrase: RFC 5322 specials and controls out, non-ASCII as RFC 2047 words. Encoded here because
 * nodemailer would encode the `<list id>` along with the name.
 */
const phrase = (name: string) => mimeFuncs.encodeWords(name.replace(/[\u0000-\u001f\u007f()<>@,;:\\".[\]]/g, ' ').replace(/\s+/g, ' ').trim(), 'Q', 52);

/**
 * One newsletter copy: the issue campaigns rendered for the recipient's language, with the recipient's own links,
 * the RFC 8058 one-click unsubscribe headers and List-Id, through the shared sender on the bulk pool.
 */
@Injectable()
export class NewsletterMailSender {
  private readonly logger = new Logger(NewsletterMailSender.name);
  private readonly listIdDomain: string;
  /** Per issue and language, as long as the content client holds the content. */
  private readonly encodedParts = new WeakMap<NewsletterContent, { html: PreEncodedPart; text: PreEncodedPart }>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly sender: MailSender,
    private readonly contents: NewsletterContentClient,
    private readonly summaries: SourceSummaryStore,
  ) {
    this.listIdDomain = new URL(config.PUBLIC_BASE_URL).hostname;
  }

  /**
   * Sends only while the send is `sending`: a paused or cancelled send's job completes without a claim, so a resume
   * can fan out again. A coordinator's resend (`claimId` given) also goes out after the send completed.
   */
  async send(job: BulkMailJob, attempt: number, claimId?: string): Promise<SendOutcome> {
    const content = await this.contents.get(job.source, job.language);
    const sendable = content.state === 'sending' || (claimId !== undefined && content.state === 'completed');
    if (!sendable) {
      this.logger.log(`skipping a copy of ${job.source}: the send is ${content.state}`);
      await this.summaries.record(job.source, 'skipped');
      return 'skipped';
    }
    return this.sender.deliver(
      {
        queue: MAIL_QUEUES.bulk,
        kind: job.kind,
        networkId: job.networkId,
        source: job.source,
        recipient: job.recipient,
        claimId: claimId ?? claimIdOf(job.source, job.recipient),
        job,
        blockedBy: NEWSLETTER_BLOCKED_BY,
        compose: (identity) => this.compose(job, content, identity),
      },
      attempt,
    );
  }

  private compose(job: BulkMailJob, content: NewsletterContent, identity: SendingIdentity): MessageContent {
    const base = this.config.PUBLIC_BASE_URL;
    const unsubscribeUrl = `${base}/unsubscribe/one-click?token=${encodeURIComponent(job.unsubscribeToken)}&lang=${job.language}`;
    const preferencesUrl = `${base}/preferences?token=${encodeURIComponent(job.preferencesToken)}`;
    const personalise = (line: string, escape: (url: string) => string) =>
      line.replaceAll(NEWSLETTER_PLACEHOLDERS.unsubscribeUrl, escape(unsubscribeUrl)).replaceAll(NEWSLETTER_PLACEHOLDERS.preferencesUrl, escape(preferencesUrl));
    const parts = this.partsOf(content);
    const listLabel = (identity.network?.slug ?? job.networkId).replace(/[^a-zA-Z0-9-]/g, '');
    const listName = phrase(identity.network?.name ?? identity.from.name);
    return {
      subject: content.subject,
      html: parts.html.forCopy((line) => personalise(line, escapeHtml)),
      text: parts.text.forCopy((line) => personalise(line, (url) => url)),
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': { prepared: true, foldLines: true, value: `${listName ? `${listName} ` : ''}<${listLabel}.${this.listIdDomain}>` },
        Precedence: 'bulk',
      },
    };
  }

  private partsOf(content: NewsletterContent): { html: PreEncodedPart; text: PreEncodedPart } {
    let parts = this.encodedParts.get(content);
    if (!parts) {
      const placeholders = Object.values(NEWSLETTER_PLACEHOLDERS);
      parts = { html: new PreEncodedPart('text/html; charset=utf-8', content.html, placeholders), text: new PreEncodedPart('text/plain; charset=utf-8', content.text, placeholders) };
      this.encodedParts.set(content, parts);
    }
    return parts;
  }
}
