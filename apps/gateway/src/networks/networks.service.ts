import { HttpStatus, Injectable } from '@nestjs/common';
import type { Language } from '@hub/contracts';
import { DomainError } from '@hub/http';
import { NetworkRepository } from './network.repository';
import { Network } from './network.schema';

export class NetworkNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('network: no such network', 'network_not_found');
  }
}

export class LanguageNotOfferedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(network: Network) {
    super(`language: ${network.name} offers ${network.languages.join(', ')}`, 'language_not_offered');
  }
}

@Injectable()
export class NetworksService {
  constructor(private readonly networks: NetworkRepository) {}

  async publicBySlug(slug: string): Promise<Network> {
    const network = await this.networks.findPublicBySlug(slug);
    if (!network) throw new NetworkNotFoundError();
    return network;
  }

  /** For callers whose network id comes from their credentials; the network must exist. */
  async byId(id: string): Promise<Network> {
    const network = await this.networks.findById(id);
    if (!network) throw new NetworkNotFoundError();
    return network;
  }

  listPublic(): Promise<Network[]> {
    return this.networks.findAllPublic();
  }

  assertOffers(network: Network, language: Language): void {
    if (!network.languages.includes(language)) throw new LanguageNotOfferedError(network);
  }
}
