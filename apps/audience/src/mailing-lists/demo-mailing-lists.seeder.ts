import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { Language } from '@hub/contracts';
import { DEMO_MAILING_LISTS } from '@hub/demo-data';
import type { AudienceConfig } from '../audience.config';
import { MailingListRepository } from './mailing-list.repository';

/** With DEMO_DATA=true, makes sure each demo network has its newsletter list. */
@Injectable()
export class DemoMailingListsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoMailingListsSeeder.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AudienceConfig,
    private readonly lists: MailingListRepository,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.DEMO_DATA) return;
    for (const list of DEMO_MAILING_LISTS) {
      await this.lists.ensure({
        _id: list.id,
        networkId: list.networkId,
        names: list.names,
        isPublic: list.isPublic,
        defaultLanguage: (Object.keys(list.names)[0] as Language | undefined) ?? 'en',
      });
    }
    this.logger.log(`demo mailing lists ensured: ${DEMO_MAILING_LISTS.length}`);
  }
}
