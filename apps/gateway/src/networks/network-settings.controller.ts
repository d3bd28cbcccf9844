import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NetworkSettings, networkSettingsSchema } from './network-settings.dto';
import { NetworksService } from './networks.service';

/** The caller's own network: which one comes from the credentials, so the path has no id to tamper with. */
@ApiTags('network')
@Controller('api/v1/network')
export class NetworkSettingsController {
  constructor(private readonly networks: NetworksService) {}

  @Get()
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal) {
    return this.networks.byId(principal.networkId);
  }

  @Patch()
  @RequireRole('owner')
  update(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(networkSettingsSchema)) body: NetworkSettings) {
    return this.networks.updateSettings(principal.networkId, body);
  }
}
