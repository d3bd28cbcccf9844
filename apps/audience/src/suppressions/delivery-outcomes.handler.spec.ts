import type { EventEnvelope } from '@hub/contracts';
import { DeliveryOutcomesHandler } from './delivery-outcomes.handler';
import type { SuppressionsService } from './suppressions.service';

describe('DeliveryOutcomesHandler', () => {
  const suppress = jest.fn();
  const handler = new DeliveryOutcomesHandler({ suppress } as unknown as SuppressionsService);
  const envelope = <T>(payload: T) => ({ networkId: 'network-1', payload }) as EventEnvelope<T>;
  const base = { deliveryId: 'd', source: 's', recipient: 'Kari@Example.TEST' };

  beforeEach(() => suppress.mockReset());

  it('suppresses on a hard bounce, with the canonical address', async () => {
    await handler.onMessageBounced(envelope({ ...base, hard: true, status: '5.1.1', diagnostic: '', consecutiveSoftBounces: 0, via: 'dsn' as const }));
    expect(suppress).toHaveBeenCalledWith('network-1', 'kari@example.test', 'hard-bounce');
  });

  it('does not suppress on a soft bounce', async () => {
    await handler.onMessageBounced(envelope({ ...base, hard: false, status: '4.2.2', diagnostic: '', consecutiveSoftBounces: 1, via: 'dsn' as const }));
    expect(suppress).not.toHaveBeenCalled();
  });

  it('suppresses on a complaint, but not on a "not-spam" report', async () => {
    await handler.onMessageComplained(envelope({ ...base, feedbackType: 'abuse', via: 'arf' as const }));
    expect(suppress).toHaveBeenCalledWith('network-1', 'kari@example.test', 'complaint');
    suppress.mockReset();
    await handler.onMessageComplained(envelope({ ...base, feedbackType: 'not-spam', via: 'arf' as const }));
    expect(suppress).not.toHaveBeenCalled();
  });
});
