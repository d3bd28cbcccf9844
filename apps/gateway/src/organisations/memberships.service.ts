import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '@hub/persistence';
import { NetworksService } from '../networks/networks.service';
import { MembershipRepository } from './membership.repository';
import { Membership } from './membership.schema';
import { MembershipTerms, membershipTermsProblem, standingOn, todayIn } from './membership-terms';
import { AlreadyInNetworkError, InvalidMembershipTermsError, MembershipNotFoundError } from './organisation.errors';
import { OrganisationRepository } from './organisation.repository';
import { Organisation } from './organisation.schema';
import { AddMembership, MembershipView, organisationView, UpdateMembership } from './organisations.dto';
import { OrganisationsService } from './organisations.service';

/**
 * One network's member organisations, for its coordinators. The network is always the caller's own (from the
 * principal); a membership of another network is answered exactly like one that does not exist.
 */
@Injectable()
export class MembershipsService {
  constructor(
    private readonly memberships: MembershipRepository,
    private readonly organisationRecords: OrganisationRepository,
    private readonly organisations: OrganisationsService,
    private readonly networks: NetworksService,
  ) {}

  /** Every membership, ended observations included, by organisation name. */
  async list(networkId: string, now = new Date()): Promise<MembershipView[]> {
    const today = await this.todayInNetwork(networkId, now);
    const memberships = await this.memberships.findAllInNetwork(networkId);
    const organisations = new Map(
      (await this.organisationRecords.findByIds(memberships.map((m) => m.organisationId))).map((o) => [o._id, o]),
    );
    // Organisations are never deleted, so every membership finds its own.
    return memberships
      .map((membership) => this.view(membership, organisations.get(membership.organisationId)!, today))
      .sort((a, b) => a.organisation.name.localeCompare(b.organisation.name));
  }

  /** Adds an organisation found by id, or a new one; an organisation already in the network is a conflict. */
  async add(networkId: string, request: AddMembership, now = new Date()): Promise<MembershipView> {
    const today = await this.todayInNetwork(networkId, now);
    const organisation =
      'id' in request.organisation ? await this.organisations.byId(request.organisation.id) : await this.organisations.create(request.organisation);
    const membership: Membership = {
      _id: randomUUID(),
      networkId,
      organisationId: organisation._id,
      status: request.status,
      joinedOn: request.joinedOn,
      observerUntil: request.observerUntil ?? null,
    };
    try {
      await this.memberships.create(membership);
    } catch (error) {
      if (isDuplicateKeyError(error)) throw new AlreadyInNetworkError(organisation);
      throw error;
    }
    return this.view(membership, organisation, today);
  }

  /** Changes status or dates; making an observer a member drops its end date. */
  async update(networkId: string, id: string, change: UpdateMembership, now = new Date()): Promise<MembershipView> {
    const today = await this.todayInNetwork(networkId, now);
    const membership = await this.memberships.findInNetwork(networkId, id);
    if (!membership) throw new MembershipNotFoundError();
    const status = change.status ?? membership.status;
    const terms: MembershipTerms = {
      status,
      joinedOn: change.joinedOn ?? membership.joinedOn,
      observerUntil: change.observerUntil !== undefined ? change.observerUntil : status === 'member' ? null : membership.observerUntil,
    };
    const problem = membershipTermsProblem(terms);
    if (problem) throw new InvalidMembershipTermsError(problem);
    if (!(await this.memberships.updateTerms(networkId, id, terms))) throw new MembershipNotFoundError();
    return this.view({ ...membership, ...terms }, await this.organisations.byId(membership.organisationId), today);
  }

  async remove(networkId: string, id: string): Promise<void> {
    if (!(await this.memberships.remove(networkId, id))) throw new MembershipNotFoundError();
  }

  /** The organisations taking part in the network today, by name: what a members-only registration form offers. */
  async participatingOrganisations(networkId: string, now = new Date()): Promise<Array<{ id: string; name: string }>> {
    return (await this.list(networkId, now)).filter((m) => m.standing === 'current').map((m) => ({ id: m.organisation.id, name: m.organisation.name }));
  }

  /** The organisation when it takes part in the network today (a member, or an observer still observing); else null. */
  async participating(networkId: string, organisationId: string, now = new Date()): Promise<{ id: string; name: string } | null> {
    const membership = (await this.memberships.findAllInNetwork(networkId)).find((m) => m.organisationId === organisationId);
    if (!membership || standingOn(membership, await this.todayInNetwork(networkId, now)) !== 'current') return null;
    const [organisation] = await this.organisationRecords.findByIds([organisationId]);
    return organisation ? { id: organisation._id, name: organisation.name } : null;
  }

  private async todayInNetwork(networkId: string, now: Date): Promise<string> {
    return todayIn((await this.networks.byId(networkId)).timeZone, now);
  }

  private view(membership: Membership, organisation: Organisation, today: string): MembershipView {
    const { _id, status, joinedOn, observerUntil } = membership;
    return { id: _id, organisation: organisationView(organisation), status, joinedOn, observerUntil, standing: standingOn(membership, today) };
  }
}
