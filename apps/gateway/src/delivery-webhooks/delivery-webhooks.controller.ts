import { Controller, Headers, HttpCode, Inject, NotFoundException, Post, Req, UnauthorizedException } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { APP_CONFIG } from '@hub/config';
import { DeliveryFeedbackResult, deliveryFeedbackSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { Public } from '../auth/auth.decorators';
import type { GatewayConfig } from '../gateway.config';
import { DeliveryClient } from './delivery.client';
import { SIGNATURE_HEADER, signatureProblem } from './webhook-signature';

/**
 * Bounces and complaints from a relay or email provider that reports by HTTP. No session or API key: the caller
 * proves itself by signing the raw body with DELIVERY_WEBHOOK_SECRET. The body is only read once the signature holds,
 * so strangers learn nothing from it.
 */
@ApiTags('webhooks')
@Controller('api/v1/webhooks')
export class DeliveryWebhooksController {
  private readonly validate = new ZodValidationPipe(deliveryFeedbackSchema);

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly delivery: DeliveryClient,
  ) {}

  @Post('delivery-feedback')
  @Public()
  @HttpCode(202)
  @ApiHeader({ name: SIGNATURE_HEADER, required: true, description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>"> with DELIVERY_WEBHOOK_SECRET' })
  @ApiBody({
    description:
      '{type: "bounce"|"complaint", messageId or deliveryToken, recipient, status?: "5.1.1", diagnostic?, hard?, feedbackType?: "abuse", occurredAt: ISO 8601}',
  })
  async receive(@Req() req: Request & { rawBody?: Buffer }, @Headers(SIGNATURE_HEADER) signature: string | undefined): Promise<DeliveryFeedbackResult> {
    const secret = this.config.DELIVERY_WEBHOOK_SECRET;
    if (!secret) throw new NotFoundException('the delivery feedback webhook is not enabled');
    const problem = signatureProblem(secret, signature, req.rawBody);
    if (problem) throw new UnauthorizedException(problem);
    return this.delivery.reportFeedback(this.validate.transform(req.body));
  }
}
