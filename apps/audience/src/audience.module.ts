import { DynamicModule, Module } from '@nestjs/common';
import { ServiceCoreModule } from '@hub/runtime';
import type { AudienceConfig } from './audience.config';
import { ContactImportsModule } from './contact-imports/contact-imports.module';
import { ContactsModule } from './contacts/contacts.module';
import { MailingListsModule } from './mailing-lists/mailing-lists.module';
import { NewsletterAudienceModule } from './newsletter-audience/newsletter-audience.module';
import { PreferencesModule } from './preferences/preferences.module';
import { SubscriptionsModule } from './subscriptions/subscriptions.module';

/** Mailing lists, contacts, subscriptions and consent. */
@Module({})
export class AudienceModule {
  static forRoot(config: AudienceConfig): DynamicModule {
    return {
      module: AudienceModule,
      imports: [
        ServiceCoreModule.forRoot({ service: 'audience', config, internalApiSecret: config.INTERNAL_API_SECRET }),
        MailingListsModule,
        SubscriptionsModule,
        PreferencesModule,
        ContactsModule,
        ContactImportsModule,
        NewsletterAudienceModule,
      ],
    };
  }
}
