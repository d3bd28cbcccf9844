import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { SchedulingSettings, UpdateSchedulingSettings, updateSchedulingSettingsSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SchedulingClient } from '../scheduling/scheduling.client';

/** The network's reminder offsets and how long registrations of past events keep personal data. */
@ApiTags('network events')
@Controller('api/v1/scheduling-settings')
export class SchedulingSettingsController {
  constructor(private readonly scheduling: SchedulingClient) {}

  @Get()
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal): Promise<SchedulingSettings> {
    return this.scheduling.settings(principal.networkId);
  }

  /** Owners only: the retention period is a data-protection decision. */
  @Patch()
  @RequireRole('owner')
  update(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(updateSchedulingSettingsSchema)) body: UpdateSchedulingSettings): Promise<SchedulingSettings> {
    return this.scheduling.updateSettings(principal.networkId, body);
  }
}
