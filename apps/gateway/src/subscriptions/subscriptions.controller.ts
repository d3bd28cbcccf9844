import { Body, Controller, HttpCode, Ip, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { confirmSubscriptionRequestSchema, SubscribeResponse } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { Public } from '../auth/auth.decorators';
import { NetworksService } from '../networks/networks.service';
import { SignUpRateLimited } from '../security/rate-limits';
import { PublicSubscribe, publicSubscribeSchema } from './public-subscribe.dto';
import { SubscriptionsService } from './subscriptions.service';

@Public()
@Controller('api/v1')
export class SubscriptionsController {
  constructor(
    private readonly networks: NetworksService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  /** Double opt-in: answers 202 and the same body whatever the address's state, so it reveals nobody. */
  @Post('networks/:slug/subscriptions')
  @SignUpRateLimited()
  @HttpCode(202)
  async subscribe(
    @Param('slug') slug: string,
    @Body(new ZodValidationPipe(publicSubscribeSchema)) body: PublicSubscribe,
    @Ip() ip: string,
  ): Promise<SubscribeResponse> {
    return this.subscriptions.subscribe(await this.networks.publicBySlug(slug), body, { method: 'api', wordingId: 'subscribe-api/v1', ip });
  }

  @Post('subscriptions/confirmations')
  @HttpCode(200)
  async confirm(@Body(new ZodValidationPipe(confirmSubscriptionRequestSchema)) body: z.infer<typeof confirmSubscriptionRequestSchema>, @Ip() ip: string) {
    const { outcome, listNames } = await this.subscriptions.confirm(body.token, { method: 'api', wordingId: 'confirm-api/v1', ip });
    return { outcome, listNames };
  }
}
