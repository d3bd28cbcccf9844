import { z } from 'zod';
import { eventEnvelopeSchema } from './envelope';
import { EVENT_CATALOG, EVENT_TYPES } from './event-catalog';

/**
 * The AsyncAPI 3.0 document of every event the hub publishes, generated from the same zod schemas that producers
 * and consumers validate against, so it cannot drift from the code. Served by the gateway beside the OpenAPI one.
 */
export function asyncApiDocument(): Record<string, unknown> {
  const envelope = z.toJSONSchema(eventEnvelopeSchema.omit({ payload: true }), { unrepresentable: 'any' }) as Record<string, unknown>;
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const type of EVENT_TYPES) {
    const definition = EVENT_CATALOG[type];
    const name = type.replace(/\./g, '_');
    const [service] = type.split('.');
    messages[name] = {
      name: type,
      title: type,
      summary: `${type}, version ${definition.version}. Kafka key: the aggregate id (envelope.key). Dead letters go to ${type}.dlq.`,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          'event-id': { type: 'string' },
          'event-type': { type: 'string', const: type },
          'event-version': { type: 'string', const: String(definition.version) },
          'correlation-id': { type: 'string' },
        },
      },
      payload: {
        allOf: [envelope, { type: 'object', properties: { type: { const: type }, version: { const: definition.version }, payload: z.toJSONSchema(definition.payload, { unrepresentable: 'any' }) } }],
      },
    };
    channels[name] = { address: type, messages: { [name]: { $ref: `#/components/messages/${name}` } } };
    operations[`${name}_publish`] = {
      action: 'send',
      channel: { $ref: `#/channels/${name}` },
      summary: `Published by the ${service} service through its outbox.`,
    };
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Nordic Network Hub events',
      version: '1',
      description: 'Every event the hub services publish on Kafka. Topic name = event type (plus an optional deployment prefix).',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages },
  };
}
