import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { setTimeout as sleep } from 'node:timers/promises';
import {
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
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { CampaignsClient } from './campaigns.client';

const PROGRESS_INTERVAL_MS = 1_000;
const FINAL_STATES = new Set(['completed', 'cancelled', 'draft']);

/** The caller's network's newsletters; campaigns owns them, the network comes from the principal only. */
@ApiTags('newsletters')
@Controller('api/v1/newsletters')
export class NewslettersController {
  constructor(private readonly campaigns: CampaignsClient) {}

  @Get()
  @RequireRole('viewer')
  list(@CurrentPrincipal() principal: Principal): Promise<NewsletterView[]> {
    return this.campaigns.list(principal.networkId);
  }

  @Post()
  @RequireRole('coordinator')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createNewsletterSchema)) body: CreateNewsletter): Promise<NewsletterView> {
    return this.campaigns.create(principal.networkId, body);
  }

  @Get(':newsletterId')
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterView> {
    return this.campaigns.get(principal.networkId, id);
  }

  @Patch(':newsletterId')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('newsletterId') id: string,
    @Body(new ZodValidationPipe(updateNewsletterSchema)) body: UpdateNewsletter,
  ): Promise<NewsletterView> {
    return this.campaigns.update(principal.networkId, id, body);
  }

  /** Drafts only; a newsletter that was scheduled or sent stays on record. */
  @Delete(':newsletterId')
  @RequireRole('coordinator')
  @HttpCode(204)
  remove(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<void> {
    return this.campaigns.remove(principal.networkId, id);
  }

  /** The issue as a recipient in that language will see it (the personal links are placeholders). */
  @Get(':newsletterId/preview/:language')
  @RequireRole('viewer')
  preview(
    @CurrentPrincipal() principal: Principal,
    @Param('newsletterId') id: string,
    @Param('language', new ZodValidationPipe(languageSchema)) language: Language,
  ): Promise<PreviewView> {
    return this.campaigns.preview(principal.networkId, id, language);
  }

  @Post(':newsletterId/test-sends')
  @RequireRole('coordinator')
  @HttpCode(202)
  testSend(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Body(new ZodValidationPipe(testSendSchema)) body: TestSend): Promise<{ sendId: string }> {
    return this.campaigns.testSend(principal.networkId, id, body);
  }

  /** At a wall-clock time in the network's zone; `audienceFilter` narrows the lists' audience (see send). */
  @Post(':newsletterId/schedule')
  @RequireRole('coordinator')
  @HttpCode(200)
  schedule(
    @CurrentPrincipal() principal: Principal,
    @Param('newsletterId') id: string,
    @Body(new ZodValidationPipe(scheduleNewsletterSchema)) body: ScheduleNewsletter,
  ): Promise<NewsletterView> {
    return this.campaigns.schedule(principal.networkId, id, body);
  }

  /**
   * Send now; also how a coordinator confirms a scheduled send the hub found long overdue (`needs-confirmation`). An
   * optional `audienceFilter` (organisationIds, roles, attributes, languages) narrows the confirmed subscribers of the
   * lists; without one, a filter given when scheduling stays, and null removes it.
   */
  @Post(':newsletterId/send')
  @RequireRole('coordinator')
  @HttpCode(200)
  send(
    @CurrentPrincipal() principal: Principal,
    @Param('newsletterId') id: string,
    @Body(new ZodValidationPipe(sendNewsletterSchema)) body: SendNewsletter,
  ): Promise<NewsletterView> {
    return this.campaigns.send(principal.networkId, id, body);
  }

  @Post(':newsletterId/pause')
  @RequireRole('coordinator')
  @HttpCode(200)
  pause(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterView> {
    return this.campaigns.act(principal.networkId, id, 'pause');
  }

  @Post(':newsletterId/resume')
  @RequireRole('coordinator')
  @HttpCode(200)
  resume(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterView> {
    return this.campaigns.act(principal.networkId, id, 'resume');
  }

  @Post(':newsletterId/cancel')
  @RequireRole('coordinator')
  @HttpCode(200)
  cancel(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterView> {
    return this.campaigns.act(principal.networkId, id, 'cancel');
  }

  @Get(':newsletterId/progress')
  @RequireRole('viewer')
  progress(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterProgress> {
    return this.campaigns.progress(principal.networkId, id);
  }

  /**
   * The same progress as server-sent events, one `progress` event a second, ending after a final state. The first
   * reading is taken before anything is written, so an unknown newsletter is a plain 404, not an empty stream.
   */
  @Get(':newsletterId/progress/stream')
  @RequireRole('viewer')
  @ApiProduces('text/event-stream')
  async progressStream(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    let progress = await this.campaigns.progress(principal.networkId, id);
    let open = true;
    req.on('close', () => (open = false));
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    while (open) {
      res.write(`event: progress\ndata: ${JSON.stringify(progress)}\n\n`);
      if (FINAL_STATES.has(progress.state)) break;
      await sleep(PROGRESS_INTERVAL_MS);
      try {
        progress = await this.campaigns.progress(principal.networkId, id);
      } catch {
        res.write('event: unavailable\ndata: {}\n\n');
        break;
      }
    }
    res.end();
  }

  @Get(':newsletterId/statistics')
  @RequireRole('viewer')
  statistics(@CurrentPrincipal() principal: Principal, @Param('newsletterId') id: string): Promise<NewsletterStatistics> {
    return this.campaigns.statistics(principal.networkId, id);
  }
}
