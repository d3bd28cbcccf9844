import { Body, Controller, HttpCode, Ip, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  PreferencesUpdate,
  preferencesUpdateSchema,
  PreferencesView,
  UnsubscribeRequest,
  unsubscribeRequestSchema,
  UnsubscribeResponse,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { AudienceClient } from '../audience/audience.client';
import { Public } from '../auth/auth.decorators';
import { PreferencesViewRequest, preferencesViewRequestSchema } from './preferences.dto';

const API_WORDING = 'preferences-api/v1';

/** The preferences link as JSON, for an embedding site; the signed token (in the body, not the URL) is the credential. */
@Public()
@ApiTags('preferences')
@Controller('api/v1/preferences')
export class PreferencesController {
  constructor(private readonly audience: AudienceClient) {}

  @Post('view')
  @HttpCode(200)
  view(@Body(new ZodValidationPipe(preferencesViewRequestSchema)) body: PreferencesViewRequest): Promise<PreferencesView> {
    return this.audience.preferences(body.token);
  }

  @Put()
  update(@Body(new ZodValidationPipe(preferencesUpdateSchema)) body: PreferencesUpdate, @Ip() ip: string): Promise<PreferencesView> {
    return this.audience.updatePreferences(body, { method: 'preferences', wordingId: API_WORDING, ip });
  }

  @Post('unsubscribe')
  @HttpCode(200)
  unsubscribe(@Body(new ZodValidationPipe(unsubscribeRequestSchema)) body: UnsubscribeRequest, @Ip() ip: string): Promise<UnsubscribeResponse> {
    return this.audience.unsubscribe(body.token, body.listId, { method: 'preferences', wordingId: API_WORDING, ip });
  }
}
