import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  ArchivedNewsletterIssue,
  ArchivedNewsletterView,
  CreateNewsletter,
  createNewsletterSchema,
  Language,
  languageSchema,
  NewsletterProgress,
  NewsletterStatistics,
  NewsletterView,
  PreviewView,
  ScheduleNewsletter,
  scheduleNewsletterSchema,
  SendNewsletter,
  sendNewsletterSchema,
  TestSend,
  testSendSchema,
  UpdateNewsletter,
  updateNewsletterSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { NewslettersService } from './newsletters.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId')
export class NewslettersController {
  constructor(private readonly newsletters: NewslettersService) {}

  @Post('newsletters')
  @HttpCode(201)
  create(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(createNewsletterSchema)) body: CreateNewsletter): Promise<NewsletterView> {
    return this.newsletters.create(networkId, body);
  }

  @Get('newsletters')
  list(@Param('networkId') networkId: string): Promise<NewsletterView[]> {
    return this.newsletters.list(networkId);
  }

  @Get('newsletters/:id')
  get(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterView> {
    return this.newsletters.get(networkId, id);
  }

  @Patch('newsletters/:id')
  update(@Param('networkId') networkId: string, @Param('id') id: string, @Body(new ZodValidationPipe(updateNewsletterSchema)) body: UpdateNewsletter): Promise<NewsletterView> {
    return this.newsletters.update(networkId, id, body);
  }

  @Delete('newsletters/:id')
  @HttpCode(204)
  remove(@Param('networkId') networkId: string, @Param('id') id: string): Promise<void> {
    return this.newsletters.remove(networkId, id);
  }

  @Get('newsletters/:id/preview/:language')
  preview(@Param('networkId') networkId: string, @Param('id') id: string, @Param('language', new ZodValidationPipe(languageSchema)) language: Language): Promise<PreviewView> {
    return this.newsletters.preview(networkId, id, language);
  }

  @Post('newsletters/:id/test-sends')
  @HttpCode(202)
  testSend(@Param('networkId') networkId: string, @Param('id') id: string, @Body(new ZodValidationPipe(testSendSchema)) body: TestSend): Promise<{ sendId: string }> {
    return this.newsletters.testSend(networkId, id, body);
  }

  @Post('newsletters/:id/schedule')
  @HttpCode(200)
  schedule(@Param('networkId') networkId: string, @Param('id') id: string, @Body(new ZodValidationPipe(scheduleNewsletterSchema)) body: ScheduleNewsletter): Promise<NewsletterView> {
    return this.newsletters.schedule(networkId, id, body);
  }

  @Post('newsletters/:id/send')
  @HttpCode(200)
  send(@Param('networkId') networkId: string, @Param('id') id: string, @Body(new ZodValidationPipe(sendNewsletterSchema)) body: SendNewsletter): Promise<NewsletterView> {
    return this.newsletters.sendNow(networkId, id, body);
  }

  @Post('newsletters/:id/pause')
  @HttpCode(200)
  pause(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterView> {
    return this.newsletters.pause(networkId, id);
  }

  @Post('newsletters/:id/resume')
  @HttpCode(200)
  resume(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterView> {
    return this.newsletters.resume(networkId, id);
  }

  @Post('newsletters/:id/cancel')
  @HttpCode(200)
  cancel(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterView> {
    return this.newsletters.cancel(networkId, id);
  }

  @Get('newsletters/:id/progress')
  progress(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterProgress> {
    return this.newsletters.progress(networkId, id);
  }

  @Get('newsletters/:id/statistics')
  statistics(@Param('networkId') networkId: string, @Param('id') id: string): Promise<NewsletterStatistics> {
    return this.newsletters.statistics(networkId, id);
  }

  @Get('newsletter-archive')
  async archive(@Param('networkId') networkId: string): Promise<ArchivedNewsletterView[]> {
    return (await this.newsletters.archive(networkId)).map(({ newsletter, language, issue }) => ({
      id: newsletter._id,
      language,
      subject: issue.subject,
      preheader: issue.preheader,
      sentAt: newsletter.startedAt!.toISOString(),
    }));
  }

  @Get('newsletter-archive/:id')
  async archived(@Param('networkId') networkId: string, @Param('id') id: string): Promise<ArchivedNewsletterIssue> {
    const { newsletter, language, issue, html } = await this.newsletters.archivedIssue(networkId, id);
    return { id: newsletter._id, language, subject: issue.subject, preheader: issue.preheader, sentAt: newsletter.startedAt!.toISOString(), html };
  }
}
