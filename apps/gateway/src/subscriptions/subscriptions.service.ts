import { Injectable, Logger } from '@nestjs/common';
import type { ConfirmSubscriptionResponse, ConsentSource, SubscribeResponse } from '@hub/contracts';
import { AudienceClient } from '../audience/audience.client';
import { Network } from '../networks/network.schema';
import { NetworksService } from '../networks/networks.service';
import type { PublicSubscribe } from './public-subscribe.dto';
import { SignUpAnswerTiming } from './sign-up-answer-timing';
import { FORM_STAMP_FIELD, HONEYPOT_FIELD, SignUpBotTrap } from './sign-up-bot-trap';

const ACCEPTED: SubscribeResponse = { status: 'accepted' };

/** The public side of subscribing, shared by the JSON API and the HTML pages. */
@Injectable()
export class SubscriptionsService {
  private readonly logger = new Logger(SubscriptionsService.name);

  constructor(
    private readonly networks: NetworksService,
    private readonly audience: AudienceClient,
    private readonly botTrap: SignUpBotTrap,
    private readonly answerTiming: SignUpAnswerTiming,
  ) {}

  /**
   * `source` names the wording the person saw and their IP, for the consent log. A bot's submission gets the answer
   * a person's would, at the time a person's would come, and nothing is stored or sent: a bot that learns it was
   * caught adapts. Every answer is held to the same floor (SignUpAnswerTiming), so neither a caught bot nor the
   * state of an address shows in how long it took.
   */
  async subscribe(network: Network, request: PublicSubscribe & { [FORM_STAMP_FIELD]?: unknown }, source: ConsentSource): Promise<SubscribeResponse> {
    const { [HONEYPOT_FIELD]: _honeypot, [FORM_STAMP_FIELD]: _stamp, ...subscription } = request;
    const language = subscription.language ?? network.defaultLanguage;
    this.networks.assertOffers(network, language);
    const bot = this.botTrap.judge(request);
    if (bot) {
      this.logger.log(`sign-up taken for a bot's (${bot}) in network ${network._id}`);
      await this.answerTiming.hold();
      return ACCEPTED;
    }
    return this.answerTiming.uniform(() => this.audience.subscribe(network._id, { ...subscription, language }, source));
  }

  confirm(token: string, source: ConsentSource): Promise<ConfirmSubscriptionResponse> {
    return this.audience.confirm(token, source);
  }
}
