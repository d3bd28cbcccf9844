import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { GatewayConfig } from './gateway.config';
import { ApiDocsModule } from './api-docs/api-docs.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ConsoleModule } from './console/console.module';
import { ContactsModule } from './contacts/contacts.module';
import { CoordinatorsModule } from './coordinators/coordinators.module';
import { DeliveryWebhooksModule } from './delivery-webhooks/delivery-webhooks.module';
import { InvitationsModule } from './invitations/invitations.module';
import { MailingListsModule } from './mailing-lists/mailing-lists.module';
import { NetworkEventsModule } from './network-events/network-events.module';
import { NetworkSiteModule } from './network-site/network-site.module';
import { DeliveryConsoleModule } from './delivery/delivery-console.module';
import { NetworksModule } from './networks/networks.module';
import { NewslettersModule } from './newsletters/newsletters.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { PreferencesModule } from './preferences/preferences.module';
import { ProgrammeModule } from './programme/programme.module';
import { SecurityModule } from './security/security.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

/** The hub's front door: public pages, the REST API, and the networks (tenants) themselves. */
@Module({})
export class GatewayModule {
  static forRoot(config: GatewayConfig): DynamicModule {
    return {
      module: GatewayModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'gateway', config }),
        SecurityModule,
        AuthModule,
        AuditModule,
        ApiDocsModule,
        NetworksModule,
        CoordinatorsModule,
        ApiKeysModule,
        InvitationsModule,
        SubscriptionsModule,
        PreferencesModule,
        MailingListsModule,
        ContactsModule,
        NetworkEventsModule,
        ProgrammeModule,
        OrganisationsModule,
        DeliveryConsoleModule,
        NewslettersModule,
        DeliveryWebhooksModule,
        NetworkSiteModule,
        ConsoleModule,
      ],
    };
  }
}
