import { Controller, Get, Param } from '@nestjs/common';
import { Language, languageSchema, NewsletterContent, NewsletterState } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { IssueContent } from './issue-content';
import { SendNotFoundError } from './newsletter.errors';
import { NewsletterRepository } from './newsletter.repository';
import { SendRepository } from './send.repository';

const WORKER_STATE: Record<NewsletterState, NewsletterContent['state']> = {
  draft: 'paused',
  scheduled: 'paused',
  'needs-confirmation': 'paused',
  sending: 'sending',
  paused: 'paused',
  completed: 'completed',
  cancelled: 'cancelled',
};

/** What delivery's bulk worker sends for a (send, language), and whether it may send now. Internal only. */
@Controller('internal/newsletter-sends')
export class SendContentController {
  constructor(
    private readonly sends: SendRepository,
    private readonly newsletters: NewsletterRepository,
    private readonly content: IssueContent,
  ) {}

  @Get(':sendId/content/:language')
  async get(@Param('sendId') sendId: string, @Param('language', new ZodValidationPipe(languageSchema)) language: Language): Promise<NewsletterContent> {
    const send = await this.sends.findById(sendId);
    const issue = send?.issues[language];
    if (!send || !issue) throw new SendNotFoundError();
    // Test copies go out whatever the newsletter's state; a real send only while it is `sending`.
    const state = send.test ? 'sending' : WORKER_STATE[(await this.newsletters.findById(send.newsletterId))?.state ?? 'cancelled'];
    const rendered = this.content.render(send.profile, language, issue, this.content.archiveUrl(send.profile, send.newsletterId), send._id);
    return { sendId, language, ...rendered, state };
  }
}
