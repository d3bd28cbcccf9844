import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { isDuplicateKeyError } from '@hub/persistence';
import { NetworkRepository } from '../networks/network.repository';
import { MembershipRepository } from './membership.repository';
import { standingOn, todayIn } from './membership-terms';
import { OfficialCodeTakenError, OrganisationNotFoundError } from './organisation.errors';
import { OrganisationRepository } from './organisation.repository';
import { Organisation } from './organisation.schema';
import { LookupAnswer, NewOrganisation, organisationView } from './organisations.dto';
import { isOfficialCodeQuery, matchRank, searchWordsOf } from './search-name';

/** Enough for anyone looking for one organisation; a longer list means the query should be longer. */
const RESULT_LIMIT = 20;
/** Name matches fetched before ranking: every Nordic municipality starting with one letter fits. */
const CANDIDATE_LIMIT = 300;

/** Organisations, shared by all networks: search, creation, and the public "which networks is it in?". */
@Injectable()
export class OrganisationsService {
  constructor(
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
    private readonly networks: NetworkRepository,
  ) {}

  /** By official code when the query is digits (1280), else by name (malmo, Malmö, MALMØ); best match first. */
  async search(query: string): Promise<Organisation[]> {
    if (isOfficialCodeQuery(query)) return this.organisations.findByOfficialCode(query.trim(), RESULT_LIMIT);
    const words = searchWordsOf(query);
    if (words.length === 0) return [];
    const candidates = await this.organisations.findByNameWords(words, CANDIDATE_LIMIT);
    return candidates
      .map((organisation) => ({ organisation, rank: matchRank(organisation.searchName, words) }))
      .sort((a, b) => a.rank - b.rank || a.organisation.name.localeCompare(b.organisation.name))
      .slice(0, RESULT_LIMIT)
      .map(({ organisation }) => organisation);
  }

  /** Unpaged: the register holds the Nordic public bodies (some 1 200 municipalities, counties and regions) and few others. */
  listAll(): Promise<Organisation[]> {
    return this.organisations.findAllByName();
  }

  async byId(id: string): Promise<Organisation> {
    const organisation = await this.organisations.findById(id);
    if (!organisation) throw new OrganisationNotFoundError();
    return organisation;
  }

  /** The official code decides whether it exists already, through the unique index; a name alone never does. */
  async create(request: NewOrganisation): Promise<Organisation> {
    const { name, kind, country } = request;
    const officialCode = request.officialCode ?? null;
    try {
      return await this.organisations.create({ _id: randomUUID(), name, kind, country, officialCode, inhabitants: request.inhabitants ?? null });
    } catch (error) {
      if (!isDuplicateKeyError(error) || officialCode === null) throw error;
      throw new OfficialCodeTakenError(await this.organisations.findByCode(country, kind, officialCode));
    }
  }

  /**
   * The public answer to "which networks is my municipality in?", across all public networks. Only current
   * participation counts: an observer whose observation has ended (or a membership that starts later) is left out,
   * judged by today's date in each network's own time zone. Organisations in no network are answered with none.
   */
  async lookup(query: string, now = new Date()): Promise<LookupAnswer> {
    const organisations = await this.search(query);
    const memberships = organisations.length > 0 ? await this.memberships.findOfOrganisationsInAllNetworks(organisations.map((o) => o._id)) : [];
    const networkIds = [...new Set(memberships.map((membership) => membership.networkId))];
    const networks = networkIds.length > 0 ? await this.networks.findByIds(networkIds) : [];
    const publicNetworks = new Map(networks.filter((network) => network.isPublic).map((network) => [network._id, network]));

    const results = organisations.map((organisation) => ({
      organisation: organisationView(organisation),
      networks: memberships
        .filter((membership) => membership.organisationId === organisation._id)
        .flatMap((membership) => {
          const network = publicNetworks.get(membership.networkId);
          if (!network || standingOn(membership, todayIn(network.timeZone, now)) !== 'current') return [];
          const { status, joinedOn, observerUntil } = membership;
          return [{ networkId: network._id, slug: network.slug, name: network.name, status, joinedOn, observerUntil }];
        })
        .sort((a, b) => a.name.localeCompare(b.name)),
    }));
    return { query: query.trim(), results };
  }
}
