import type { CampaignsConfig } from '../campaigns.config';
import type { NewsletterRepository } from './newsletter.repository';
import type { Newsletter } from './newsletter.schema';
import type { NewslettersService } from './newsletters.service';
import type { SendFanOut } from './send-fan-out';
import { sendInstant } from './send-time';
import { SendScheduler } from './send.scheduler';

describe('SendScheduler with an injected clock', () => {
  // Scheduled for 09:00 in Stockholm on the Sunday the clocks go forward: 07:00 UTC, not 08:00.
  const sendAt = sendInstant('2026-03-29T09:00', 'Europe/Stockholm') as Date;
  const newsletter = { _id: 'n1', networkId: 'net', state: 'scheduled', sendAt, sendId: null } as unknown as Newsletter;

  function scheduler() {
    const started: Date[] = [];
    const asked: string[] = [];
    const newsletters = { listInStates: async () => [newsletter], findById: async () => newsletter } as unknown as NewsletterRepository;
    const service = {
      start: async (_: Newsletter, now: Date) => void started.push(now),
      askForConfirmation: async (n: Newsletter) => void asked.push(n._id),
    } as unknown as NewslettersService;
    const config = { SEND_GRACE_MINUTES: 60, SEND_SWEEP_INTERVAL_SECONDS: 5 } as CampaignsConfig;
    return { sweeper: new SendScheduler(config, newsletters, service, { run: () => undefined } as unknown as SendFanOut), started, asked };
  }

  it('does nothing at 08:59 local time, which is 06:59 UTC after the change', async () => {
    const { sweeper, started, asked } = scheduler();
    await sweeper.sweep(new Date('2026-03-29T06:59:00Z'));
    expect({ started, asked }).toEqual({ started: [], asked: [] });
  });

  it('starts the send at 09:00 local time', async () => {
    const { sweeper, started } = scheduler();
    await sweeper.sweep(new Date('2026-03-29T07:00:05Z'));
    expect(started).toEqual([new Date('2026-03-29T07:00:05Z')]);
  });

  it('asks the coordinator instead when the hub comes back after the grace period', async () => {
    const { sweeper, started, asked } = scheduler();
    await sweeper.sweep(new Date('2026-03-29T08:30:00Z'));
    expect({ started, asked }).toEqual({ started: [], asked: ['n1'] });
  });
});
