import { HttpStatus, Injectable } from '@nestjs/common';
import type { Language } from '@hub/contracts';
import { DomainError } from '@hub/http';
import { NetworkRepository } from './network.repository';
import { Network } from './network.schema';
import type { NetworkSettings } from './network-settings.dto';

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

export class NetworkChangedMeanwhileError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('network: changed by someone else meanwhile; load it again and repeat the change', 'network_changed_meanwhile');
  }
}

export class DefaultLanguageNotOfferedError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('defaultLanguage: must be one of the network’s languages', 'default_language_not_offered');
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

  /**
   * An owner's changes (PATCH semantics: absent fields stay). With `expectedRevision` (a form that showed an older
   * profile) a change made meanwhile by someone else is refused rather than silently overwritten.
   */
  async updateSettings(networkId: string, changes: NetworkSettings, expectedRevision?: number): Promise<Network> {
    const current = await this.byId(networkId);
    if (expectedRevision !== undefined && expectedRevision !== current.revision) throw new NetworkChangedMeanwhileError();
    const languages = changes.languages ?? current.languages;
    if (!languages.includes(changes.defaultLanguage ?? current.defaultLanguage)) throw new DefaultLanguageNotOfferedError();
    const updated = await this.networks.update(current, changes);
    if (!updated) throw new NetworkChangedMeanwhileError();
    return updated;
  }

  listPublic(): Promise<Network[]> {
    return this.networks.findAllPublic();
  }

  assertOffers(network: Network, language: Language): void {
    if (!network.languages.includes(language)) throw new LanguageNotOfferedError(network);
  }
}
