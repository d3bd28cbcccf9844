import { Body, Controller, HttpCode, Post, Put } from '@nestjs/common';
import {
  InternalPreferencesUpdate,
  internalPreferencesUpdateSchema,
  InternalUnsubscribeRequest,
  internalUnsubscribeRequestSchema,
  PreferencesView,
  UnsubscribeResponse,
} from '@hub/contracts';
import { z } from 'zod';
import { ZodValidationPipe } from '@hub/http';
import { PreferencesService } from './preferences.service';

const tokenOnly = z.object({ token: z.string().min(1, 'is required').max(2_000) });
const oneClickSchema = internalUnsubscribeRequestSchema.omit({ listId: true });

/**
 * Internal API, reached only through the gateway (see InternalApiGuard). Tokens travel in bodies, never in paths,
 * so that they stay out of access logs.
 */
@Controller('internal')
export class PreferencesController {
  constructor(private readonly preferences: PreferencesService) {}

  @Post('preferences/view')
  @HttpCode(200)
  view(@Body(new ZodValidationPipe(tokenOnly)) body: z.infer<typeof tokenOnly>): Promise<PreferencesView> {
    return this.preferences.view(body.token);
  }

  @Put('preferences')
  update(@Body(new ZodValidationPipe(internalPreferencesUpdateSchema)) body: InternalPreferencesUpdate): Promise<PreferencesView> {
    return this.preferences.update(body);
  }

  @Post('preferences/unsubscribe')
  @HttpCode(200)
  unsubscribe(@Body(new ZodValidationPipe(internalUnsubscribeRequestSchema)) body: InternalUnsubscribeRequest): Promise<UnsubscribeResponse> {
    return this.preferences.unsubscribe(body.token, body.listId, body.source);
  }

  @Post('unsubscribe/one-click')
  @HttpCode(200)
  oneClick(@Body(new ZodValidationPipe(oneClickSchema)) body: z.infer<typeof oneClickSchema>): Promise<UnsubscribeResponse> {
    return this.preferences.oneClick(body.token, body.source);
  }
}
