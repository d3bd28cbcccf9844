import { Module } from '@nestjs/common';
import { BouncesModule } from './bounces.module';
import { SentMessagesHandler } from './sent-messages.handler';

/**
 * Consumes delivery's own `delivery.message.sent`, which costs a little for every message sent; imported only when
 * there is a bounce domain, because without one no report can arrive and no streak exists.
 */
@Module({ imports: [BouncesModule], controllers: [SentMessagesHandler] })
export class SoftBounceResetsModule {}
