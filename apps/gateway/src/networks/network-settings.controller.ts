import { Body, Controller, Get, HttpStatus, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DomainError, ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NetworkRepository } from './network.repository';
import { NetworkSettings, networkSettingsSchema } from './network-settings.dto';
import { NetworksService } from './networks.service';

class NetworkChangedMeanwhileError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('network: changed by someone else meanwhile; load it again and repeat the change', 'network_changed_meanwhile');
  }
}

class DefaultLanguageNotOfferedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('defaultLanguage: must be one of the network’s languages', 'default_language_not_offered');
  }
}

/** The caller's own network: which one comes from the credentials, so the path has no id to tamper with. */
@ApiTags('network')
@Controller('api/v1/network')
export class NetworkSettingsController {
  constructor(
    private readonly networks: NetworksService,
    private readonly repository: NetworkRepository,
  ) {}

  @Get()
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal) {
    return this.networks.byId(principal.networkId);
  }

  @Patch()
  @RequireRole('owner')
  async update(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(networkSettingsSchema)) body: NetworkSettings) {
    const current = await this.networks.byId(principal.networkId);
    const languages = body.languages ?? current.languages;
    if (!languages.includes(body.defaultLanguage ?? current.defaultLanguage)) throw new DefaultLanguageNotOfferedError();
    const updated = await this.repository.update(current, body);
    if (!updated) throw new NetworkChangedMeanwhileError();
    return updated;
  }
}
