import { HttpStatus, Injectable } from '@nestjs/common';
import type { RegisterRequest } from '@hub/contracts';
import { DomainError } from '@hub/http';
import type { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import { MembershipsService } from '../organisations/memberships.service';
import type { PublicRegister } from './network-events.dto';

export class NotAParticipatingOrganisationError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('organisationId: not one of this network’s member organisations', 'not_a_member');
  }
}

/**
 * Turns the public form into scheduling's request. Membership is the gateway's to know (it holds the organisations),
 * so it checks the organisation the person chose and passes a verified membership on; scheduling lets only such
 * requests into a members-only event. The organisation's registered name replaces what was typed.
 */
@Injectable()
export class PublicRegistrationRequests {
  constructor(
    private readonly networks: NetworksService,
    private readonly memberships: MembershipsService,
  ) {}

  async toInternal(network: Network, { organisationId, ...body }: PublicRegister): Promise<RegisterRequest> {
    const language = body.language ?? network.defaultLanguage;
    this.networks.assertOffers(network, language);
    if (!organisationId) return { ...body, language, membership: null };
    const organisation = await this.memberships.participating(network._id, organisationId);
    if (!organisation) throw new NotAParticipatingOrganisationError();
    return { ...body, language, organisation: organisation.name, membership: { organisationId: organisation.id, organisationName: organisation.name } };
  }
}
