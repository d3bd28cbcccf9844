import { Body, Controller, HttpCode, Param, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { once } from 'node:events';
import { ZodValidationPipe } from '@hub/http';
import { NewsletterAudienceCountQuery, newsletterAudienceCountQuerySchema, NewsletterAudienceQuery, newsletterAudienceQuerySchema } from './newsletter-audience.dto';
import { NewsletterAudienceService } from './newsletter-audience.service';

/** Internal API for campaigns' recipient snapshot (see InternalApiGuard). */
@Controller('internal/networks/:networkId/newsletter-audience')
export class NewsletterAudienceController {
  constructor(private readonly audience: NewsletterAudienceService) {}

  /**
   * The whole audience as NDJSON, one NewsletterAudienceRecipient a line, written as the database cursor yields it
   * and only as fast as campaigns reads: TCP back-pressure pauses the cursor, so neither side holds the audience. A
   * POST only because the query (lists and filter) is a JSON body; nothing is written.
   */
  @Post()
  async stream(
    @Param('networkId') networkId: string,
    @Body(new ZodValidationPipe(newsletterAudienceQuerySchema)) query: NewsletterAudienceQuery,
    @Res() res: Response,
  ): Promise<void> {
    res.writeHead(200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    const closed = once(res, 'close');
    for await (const batch of this.audience.batches(networkId, query)) {
      if (res.destroyed) return;
      if (batch.length === 0) continue;
      if (!res.write(batch.map((recipient) => `${JSON.stringify(recipient)}\n`).join(''))) await Promise.race([once(res, 'drain'), closed]);
    }
    res.end();
  }

  /** How many confirmed, unsuppressed people the lists and filter reach now (a dry run of the snapshot's query). */
  @Post('count')
  @HttpCode(200)
  async count(
    @Param('networkId') networkId: string,
    @Body(new ZodValidationPipe(newsletterAudienceCountQuerySchema)) query: NewsletterAudienceCountQuery,
  ): Promise<{ recipients: number }> {
    return { recipients: await this.audience.count(networkId, query) };
  }
}
