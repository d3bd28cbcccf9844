import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { DEMO_MEMBERSHIPS, DEMO_ORGANISATIONS } from '@hub/demo-data';
import type { GatewayConfig } from '../gateway.config';
import { MembershipRepository } from './membership.repository';
import { OrganisationRepository } from './organisation.repository';

/**
 * With DEMO_DATA=true, makes sure the demo organisations and their memberships exist, leaving alone what exists.
 * A demo organisation whose official code a coordinator already gave to another organisation is skipped, with its
 * memberships.
 */
@Injectable()
export class DemoOrganisationsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoOrganisationsSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly organisations: OrganisationRepository,
    private readonly memberships: MembershipRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_DATA) return;
    const present = new Set<string>();
    for (const { id, ...organisation } of Object.values(DEMO_ORGANISATIONS)) {
      if (await this.organisations.ensure({ _id: id, ...organisation })) present.add(id);
    }
    const memberships = DEMO_MEMBERSHIPS.filter((membership) => present.has(membership.organisationId));
    for (const { id, ...membership } of memberships) await this.memberships.ensure({ _id: id, ...membership });
    this.logger.log(`demo organisations ensured: ${present.size}, memberships: ${memberships.length}`);
  }
}
