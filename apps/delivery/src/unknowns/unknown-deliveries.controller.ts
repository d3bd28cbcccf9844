import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { MailQueueStates, ResendDeliveryResponse, UnknownDeliveryFilter, unknownDeliveryFilterSchema, UnknownDeliveryPage } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { UnknownDeliveriesService } from './unknown-deliveries.service';

/** Internal (through the gateway): a network's unknown deliveries, their resend, and the mail queues' state. */
@Controller('internal')
export class UnknownDeliveriesController {
  constructor(private readonly unknowns: UnknownDeliveriesService) {}

  @Get('networks/:networkId/deliveries/unknown')
  list(@Param('networkId') networkId: string, @Query(new ZodValidationPipe(unknownDeliveryFilterSchema)) filter: UnknownDeliveryFilter): Promise<UnknownDeliveryPage> {
    return this.unknowns.list(networkId, filter);
  }

  @Post('networks/:networkId/deliveries/:id/resend')
  @HttpCode(202)
  resend(@Param('networkId') networkId: string, @Param('id') id: string): Promise<ResendDeliveryResponse> {
    return this.unknowns.resend(networkId, id);
  }

  @Get('queues')
  queues(): Promise<MailQueueStates> {
    return this.unknowns.queueStates();
  }
}
