import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DeliveryFeedbackReport, DeliveryFeedbackResult, deliveryFeedbackSchema, normalizeEmail } from '@hub/contracts';
import { DomainError, ZodValidationPipe } from '@hub/http';
import { isHardStatus } from './delivery-report.parser';
import { DeliveryFeedbackService } from './delivery-feedback.service';
import { ReturnPath } from './return-path.service';

export class UnknownMessageError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('no message sent by this hub has this messageId or deliveryToken', 'unknown-message');
  }
}

export class RecipientMismatchError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor() {
    super('recipient: is not the recipient of this message', 'recipient-mismatch');
  }
}

/** Internal: bounces and complaints that arrived at the gateway's signed webhook, handled exactly like a DSN. */
@Controller('internal/delivery-feedback')
export class DeliveryFeedbackController {
  constructor(
    private readonly returnPath: ReturnPath,
    private readonly feedback: DeliveryFeedbackService,
  ) {}

  @Post()
  @HttpCode(202)
  async receive(@Body(new ZodValidationPipe(deliveryFeedbackSchema)) body: DeliveryFeedbackReport): Promise<DeliveryFeedbackResult> {
    const shortId = body.deliveryToken ? this.returnPath.verifyToken(body.deliveryToken) : null;
    const message = shortId ? await this.returnPath.find(shortId) : body.messageId ? await this.returnPath.findByMessageId(body.messageId) : null;
    if (!message) throw new UnknownMessageError();
    if (normalizeEmail(message.recipient) !== body.recipient) throw new RecipientMismatchError();
    // The same call made twice (a provider retrying) is the same report.
    const fingerprint = createHash('sha256').update(JSON.stringify([body.type, body.status, body.diagnostic, body.hard, body.feedbackType, body.occurredAt])).digest('hex').slice(0, 24);
    const outcome = await this.feedback.receive(
      message,
      body.type === 'bounce'
        ? { kind: 'bounce', via: 'webhook', hard: body.hard ?? isHardStatus(body.status ?? null, null), status: body.status ?? null, diagnostic: body.diagnostic, fingerprint }
        : { kind: 'complaint', via: 'webhook', feedbackType: body.feedbackType, fingerprint },
    );
    return { outcome };
  }
}
