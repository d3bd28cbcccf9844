import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import type { CampaignsConfig } from '../campaigns.config';
import { NewsletterRepository } from './newsletter.repository';
import { NewslettersService } from './newsletters.service';
import { SendFanOut } from './send-fan-out';
import { dueAction } from './send-time';

/**
 * Works from what is stored, not from timers: every sweep starts the scheduled sends that fell due (the unique Send
 * insert makes that happen once, whichever process or sweep gets there first), asks a coordinator about those found
 * long overdue, and picks up `sending` ones whose fan-out is not running here (after a restart).
 */
@Injectable()
export class SendScheduler extends PeriodicWork {

  constructor(
    @Inject(APP_CONFIG) private readonly config: CampaignsConfig,
    private readonly newsletters: NewsletterRepository,
    private readonly service: NewslettersService,
    private readonly fanOut: SendFanOut,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.config.SEND_SWEEP_INTERVAL_SECONDS * 1000;
  }

  protected run(): Promise<unknown> {
    return this.sweep();
  }

  async sweep(now = new Date()): Promise<void> {
    for (const newsletter of await this.newsletters.listInStates(['scheduled', 'sending'])) {
      if (newsletter.state === 'sending') {
        this.fanOut.run(newsletter.sendId ?? newsletter._id);
        continue;
      }
      const action = dueAction(newsletter.sendAt!, now, this.config.SEND_GRACE_MINUTES * 60_000);
      if (action === 'start') await this.service.start((await this.newsletters.findById(newsletter._id))!, now);
      else if (action === 'ask') await this.service.askForConfirmation(newsletter);
    }
  }
}
