import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { InternalProgrammeRequest, internalProgrammeRequestSchema, ProgrammeProposals } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { ProgrammePlanner } from './programme-planner';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId')
export class ProgrammeController {
  constructor(private readonly planner: ProgrammePlanner) {}

  /** Proposals only: nothing is stored until the coordinator creates the events they accept. */
  @Post('programme-proposals')
  @HttpCode(200)
  propose(@Body(new ZodValidationPipe(internalProgrammeRequestSchema)) body: InternalProgrammeRequest): ProgrammeProposals {
    return this.planner.plan(body);
  }
}
