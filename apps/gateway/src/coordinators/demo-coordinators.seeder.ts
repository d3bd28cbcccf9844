import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { DEMO_NETWORKS } from '@hub/demo-data';
import type { GatewayConfig } from '../gateway.config';
import { PasswordHasher } from '../auth/password.hasher';
import type { Role } from '../auth/role';
import { CoordinatorAccountRepository } from './coordinator-account.repository';

/** Demo sign-ins (DEMO_DATA=true only; the passwords are public in the README). */
export const DEMO_COORDINATORS: Array<{ email: string; name: string; password: string; roles: Record<string, Role> }> = [
  {
    email: 'owner@demo.hub.example',
    name: 'Demo Owner',
    password: 'demo-owner-password',
    roles: Object.fromEntries(DEMO_NETWORKS.map((network) => [network.id, 'owner' as Role])),
  },
  { email: 'coordinator@demo.hub.example', name: 'Demo Coordinator', password: 'demo-coordinator-password', roles: { [DEMO_NETWORKS[0].id]: 'coordinator' } },
  { email: 'viewer@demo.hub.example', name: 'Demo Viewer', password: 'demo-viewer-password', roles: { [DEMO_NETWORKS[0].id]: 'viewer' } },
];

@Injectable()
export class DemoCoordinatorsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoCoordinatorsSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly accounts: CoordinatorAccountRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_DATA) return;
    for (const demo of DEMO_COORDINATORS) {
      if (await this.accounts.findByEmail(demo.email)) continue;
      await this.accounts.create({ email: demo.email, name: demo.name, passwordHash: await this.passwords.hash(demo.password), roles: demo.roles });
    }
    this.logger.log(`demo coordinators ensured: ${DEMO_COORDINATORS.length}`);
  }
}
