import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MailQueueStates, ResendDeliveryResponse, UnknownDeliveryFilter, unknownDeliveryFilterSchema, UnknownDeliveryPage } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { DeliveryConsoleClient } from './delivery-console.client';

/**
 * What delivery could not account for: messages whose process died during the SMTP call. Nothing resends them on
 * its own (that could send twice); a coordinator looks and decides.
 */
@ApiTags('delivery')
@Controller('api/v1/delivery')
export class DeliveryConsoleController {
  constructor(private readonly delivery: DeliveryConsoleClient) {}

  @Get('unknowns')
  @RequireRole('viewer')
  unknowns(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(unknownDeliveryFilterSchema)) filter: UnknownDeliveryFilter): Promise<UnknownDeliveryPage> {
    return this.delivery.unknowns(principal.networkId, filter);
  }

  /** Sends one more copy; asking again sends no further copy. */
  @Post('unknowns/:id/resend')
  @HttpCode(202)
  @RequireRole('coordinator')
  resend(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<ResendDeliveryResponse> {
    return this.delivery.resend(principal.networkId, id);
  }

  /** Job counts of the mail queues. They span all networks, so only owners see them. */
  @Get('queues')
  @RequireRole('owner')
  queues(): Promise<MailQueueStates> {
    return this.delivery.queues();
  }
}
