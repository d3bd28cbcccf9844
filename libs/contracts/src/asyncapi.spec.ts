import { asyncApiDocument } from './asyncapi';
import { EVENT_TYPES } from './event-catalog';

describe('AsyncAPI document', () => {
  const document = asyncApiDocument() as { asyncapi: string; channels: Record<string, { address: string }>; components: { messages: Record<string, { payload: unknown }> } };

  it('has a channel and a message with a JSON schema for every event of the catalog', () => {
    expect(document.asyncapi).toBe('3.0.0');
    expect(Object.values(document.channels).map((channel) => channel.address).sort()).toEqual([...EVENT_TYPES].sort());
    for (const message of Object.values(document.components.messages)) {
      expect(JSON.stringify(message.payload)).toContain('"payload"');
    }
  });

  it('describes the payload fields of an event', () => {
    const message = document.components.messages.audience_subscription_requested;
    expect(JSON.stringify(message.payload)).toContain('"confirmToken"');
  });
});
