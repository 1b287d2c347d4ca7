import { z } from 'zod';
import { EnvelopeSchema } from './envelope';
import { EVENT_DEFINITIONS } from './events/registry';

/** A JSON-safe key for AsyncAPI component maps: `catalog.MosaicCreated` v1 → `catalog_MosaicCreated_v1`. */
function messageKey(type: string, version: number): string {
  return `${type.replace(/\./g, '_')}_v${version}`;
}

function channelKey(topic: string): string {
  return topic.replace(/[.-]/g, '_');
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) as Record<
    string,
    unknown
  >;
  return rest;
}

/**
 * The AsyncAPI 3 document of every topic we publish, generated from the same schemas that
 * validate the events, so the published contract cannot drift from the code.
 */
export function buildAsyncApiDocument(version: string): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const topics = [...new Set(EVENT_DEFINITIONS.map((d) => d.topic))];

  for (const definition of EVENT_DEFINITIONS) {
    const key = messageKey(definition.type, definition.schemaVersion);
    const envelope = EnvelopeSchema.extend({
      type: z.literal(definition.type),
      schemaVersion: z.literal(definition.schemaVersion),
      data: definition.schema,
    });
    messages[key] = {
      name: definition.type,
      title: `${definition.type} v${definition.schemaVersion}`,
      summary: definition.summary,
      contentType: 'application/json',
      headers: {
        type: 'object',
        properties: {
          type: { type: 'string', const: definition.type },
          schemaVersion: { type: 'string' },
          correlationId: { type: 'string' },
        },
      },
      payload: jsonSchema(envelope),
      bindings: { kafka: { key: { type: 'string', description: 'streamId (aggregate id)' } } },
    };
  }

  for (const topic of topics) {
    const keys = EVENT_DEFINITIONS.filter((d) => d.topic === topic).map((d) => messageKey(d.type, d.schemaVersion));
    const channel = channelKey(topic);
    channels[channel] = {
      address: topic,
      description: `Events of ${topic.split('.')[0]}; key = aggregate id, so order holds per aggregate.`,
      messages: Object.fromEntries(keys.map((k) => [k, { $ref: `#/components/messages/${k}` }])),
    };
    operations[`publish_${channel}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${channel}` },
      messages: keys.map((k) => ({ $ref: `#/channels/${channel}/messages/${k}` })),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'My Imagery events',
      version,
      description:
        'Kafka topics published by the My Imagery platform. Delivery is at-least-once; deduplicate on eventId.',
    },
    defaultContentType: 'application/json',
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'the single-machine stack' },
    },
    channels,
    operations,
    components: { messages },
  };
}
