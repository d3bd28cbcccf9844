import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProgrammeProposals, ProgrammeRequest, programmeRequestSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { NetworksService } from '../networks/networks.service';
import { SchedulingClient } from '../scheduling/scheduling.client';

/** The yearly programme planner, in the network's own country (holidays) and time zone. */
@ApiTags('programme')
@Controller('api/v1/programme-proposals')
export class ProgrammeController {
  constructor(
    private readonly networks: NetworksService,
    private readonly scheduling: SchedulingClient,
  ) {}

  /** Proposals only; accepting one is creating the event with its times (POST /api/v1/network-events). */
  @Post()
  @RequireRole('coordinator')
  @HttpCode(200)
  async propose(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(programmeRequestSchema)) body: ProgrammeRequest): Promise<ProgrammeProposals> {
    const network = await this.networks.byId(principal.networkId);
    return this.scheduling.programmeProposals(network._id, { ...body, country: network.country, timeZone: network.timeZone });
  }
}
