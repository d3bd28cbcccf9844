import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { SchedulingSettings, UpdateSchedulingSettings, updateSchedulingSettingsSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { SchedulingSettingsService } from './scheduling-settings.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/scheduling-settings')
export class SchedulingSettingsController {
  constructor(private readonly settings: SchedulingSettingsService) {}

  @Get()
  get(@Param('networkId') networkId: string): Promise<SchedulingSettings> {
    return this.settings.get(networkId);
  }

  @Patch()
  update(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(updateSchedulingSettingsSchema)) body: UpdateSchedulingSettings): Promise<SchedulingSettings> {
    return this.settings.update(networkId, body);
  }
}
