import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ConfirmSubscriptionResponse,
  InternalConfirmRequest,
  internalConfirmRequestSchema,
  InternalSubscribeRequest,
  internalSubscribeRequestSchema,
  SubscribeResponse,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { SubscriptionsService } from './subscriptions.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  @Post('networks/:networkId/subscriptions')
  @HttpCode(202)
  subscribe(
    @Param('networkId') networkId: string,
    @Body(new ZodValidationPipe(internalSubscribeRequestSchema)) body: InternalSubscribeRequest,
  ): Promise<SubscribeResponse> {
    return this.subscriptions.subscribe(networkId, body);
  }

  @Post('subscriptions/confirmations')
  @HttpCode(200)
  confirm(@Body(new ZodValidationPipe(internalConfirmRequestSchema)) body: InternalConfirmRequest): Promise<ConfirmSubscriptionResponse> {
    return this.subscriptions.confirm(body.token, body.source);
  }
}
