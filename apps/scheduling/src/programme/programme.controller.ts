import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  InternalAcceptProgramme,
  internalAcceptProgrammeSchema,
  InternalProgrammeRequest,
  internalProgrammeRequestSchema,
  InternalProgrammeYear,
  internalProgrammeYearSchema,
  NetworkEventView,
  ProgrammeProposals,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { ProgrammePlanner } from './programme-planner';
import { ProgrammeService } from './programme.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId')
export class ProgrammeController {
  constructor(
    private readonly planner: ProgrammePlanner,
    private readonly programme: ProgrammeService,
  ) {}

  /** Proposals for what the request asks, stored nowhere. */
  @Post('programme-proposals')
  @HttpCode(200)
  propose(@Body(new ZodValidationPipe(internalProgrammeRequestSchema)) body: InternalProgrammeRequest): ProgrammeProposals {
    return this.planner.plan(body);
  }

  /** Proposals from the network's planner settings. */
  @Post('programme-proposals/from-settings')
  @HttpCode(200)
  fromSettings(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(internalProgrammeYearSchema)) body: InternalProgrammeYear): Promise<ProgrammeProposals> {
    return this.programme.plan(networkId, body);
  }

  @Post('programme-acceptances')
  @HttpCode(201)
  accept(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(internalAcceptProgrammeSchema)) body: InternalAcceptProgramme): Promise<{ events: NetworkEventView[] }> {
    return this.programme.accept(networkId, body);
  }
}
