import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AcceptProgramme,
  acceptProgrammeSchema,
  NetworkEventView,
  ProgrammeProposals,
  ProgrammeRequest,
  programmeRequestSchema,
  ProgrammeYear,
  programmeYearSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NetworksService } from '../networks/networks.service';
import { SchedulingClient } from '../scheduling/scheduling.client';

/** The yearly programme planner, in the network's own country (holidays) and time zone. */
@ApiTags('programme')
@Controller('api/v1')
export class ProgrammeController {
  constructor(
    private readonly networks: NetworksService,
    private readonly scheduling: SchedulingClient,
  ) {}

  /** Proposals for what the body asks (to try settings out); nothing is stored. */
  @Post('programme-proposals')
  @RequireRole('coordinator')
  @HttpCode(200)
  async propose(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(programmeRequestSchema)) body: ProgrammeRequest): Promise<ProgrammeProposals> {
    const network = await this.networks.byId(principal.networkId);
    return this.scheduling.programmeProposals(network._id, { ...body, country: network.country, timeZone: network.timeZone });
  }

  /** Proposals from the network's planner settings (GET|PATCH /api/v1/scheduling-settings, `planner`). */
  @Post('programme-proposals/from-settings')
  @RequireRole('coordinator')
  @HttpCode(200)
  async fromSettings(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(programmeYearSchema)) body: ProgrammeYear): Promise<ProgrammeProposals> {
    const network = await this.networks.byId(principal.networkId);
    return this.scheduling.programmeFromSettings(network._id, { ...body, country: network.country, timeZone: network.timeZone });
  }

  /** Accepts proposals of the plan from the settings, by date: each becomes a draft event at the proposed time. */
  @Post('programme-acceptances')
  @RequireRole('coordinator')
  @HttpCode(201)
  async accept(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(acceptProgrammeSchema)) body: AcceptProgramme): Promise<{ events: NetworkEventView[] }> {
    const network = await this.networks.byId(principal.networkId);
    return this.scheduling.acceptProgramme(network._id, { ...body, country: network.country, timeZone: network.timeZone });
  }
}
