import { Injectable, Logger } from '@nestjs/common';
import { PeriodicWork } from '@hub/runtime';
import { SubscriptionsService } from './subscriptions.service';

/** Completes double opt-ins cut off by a crash (see SubscriptionsService.completeInterrupted), at start-up and then often. */
@Injectable()
export class ConfirmationRequestSweeper extends PeriodicWork {
  private readonly logger = new Logger(ConfirmationRequestSweeper.name);

  constructor(private readonly subscriptions: SubscriptionsService) {
    super();
  }

  protected get intervalMs(): number {
    return 10_000;
  }

  protected async run(): Promise<void> {
    const completed = await this.subscriptions.completeInterrupted();
    if (completed > 0) this.logger.warn(`${completed} double opt-in requests cut off by a crash completed; their confirmation emails go out now`);
  }
}
