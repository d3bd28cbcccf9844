import { Injectable } from '@nestjs/common';
import type { InternalAcceptProgramme, InternalProgrammeYear, NetworkEventView, ProgrammeProposals } from '@hub/contracts';
import { InvalidNetworkEventError } from '../network-events/network-event.errors';
import { NetworkEventsService } from '../network-events/network-events.service';
import { SchedulingSettingsService } from '../settings/scheduling-settings.service';
import { ProgrammePlanner } from './programme-planner';

/** The plan from the network's stored planner settings, and accepting some of its proposals as draft events. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly planner: ProgrammePlanner,
    private readonly settings: SchedulingSettingsService,
    private readonly events: NetworkEventsService,
  ) {}

  async plan(networkId: string, { year, country, timeZone }: InternalProgrammeYear): Promise<ProgrammeProposals> {
    const { planner } = await this.settings.get(networkId);
    return this.planner.plan({ ...planner, year, country, timeZone });
  }

  /**
   * The plan is made again, so only a date it proposes (still a free weekday under today's settings) is accepted, at
   * the time it proposes; all are checked before any event is created.
   */
  async accept(networkId: string, request: InternalAcceptProgramme): Promise<{ events: NetworkEventView[] }> {
    const { proposals } = await this.plan(networkId, request);
    const chosen = request.dates.map((date) => proposals.find((proposal) => proposal.date === date));
    const problems = chosen.flatMap((proposal, i) => (proposal ? [] : [{ path: `dates.${i}`, message: `${request.dates[i]} is not a proposal of the ${request.year} plan` }]));
    if (problems.length > 0) throw new InvalidNetworkEventError(problems);
    const events: NetworkEventView[] = [];
    for (const proposal of chosen) {
      events.push(
        await this.events.create(networkId, {
          ...request.event,
          kind: proposal!.kind,
          startsAt: proposal!.startsAt,
          endsAt: proposal!.endsAt,
          timeZone: proposal!.timeZone,
          registrationOpensAt: null,
          registrationClosesAt: null,
          visibility: 'public',
          approvalRequired: false,
          questions: [],
        }),
      );
    }
    return { events };
  }
}
