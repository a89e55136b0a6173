import { EVENT_CATALOG, EVENT_TYPES, topicOf, type EventType } from './event-catalog';
import { ALL_TOPICS } from './topics';

function messageName(type: EventType): string {
  // meic.beneficiary.enrolled.v2 -> BeneficiaryEnrolledV2
  return type
    .replace(/^meic\./, '')
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

function channelId(topic: string): string {
  return topic.replace(/\./g, '_');
}

/**
 * The AsyncAPI 3 document, built from the same catalogue as the TypeScript types and the
 * JSON Schemas, so none of the three can drift from the others.
 */
export function buildAsyncApiDocument(version = '1.0.0'): Record<string, unknown> {
  const messages: Record<string, unknown> = {};
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};

  for (const topic of ALL_TOPICS) {
    const types = EVENT_TYPES.filter((t) => topicOf(t) === topic);
    const id = channelId(topic);
    channels[id] = {
      address: topic,
      description: `Domain events of ${topic.split('.')[1]}. Key: beneficiary id where there is one, else the aggregate id.`,
      messages: Object.fromEntries(types.map((t) => [messageName(t), { $ref: `#/components/messages/${messageName(t)}` }])),
    };
    operations[`publish_${id}`] = {
      action: 'send',
      channel: { $ref: `#/channels/${id}` },
      messages: types.map((t) => ({ $ref: `#/channels/${id}/messages/${messageName(t)}` })),
    };
  }

  for (const type of EVENT_TYPES) {
    const { schema } = EVENT_CATALOG[type];
    messages[messageName(type)] = {
      name: type,
      title: type,
      summary: schema.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/CloudEventsKafkaHeaders' },
      payload: { $ref: `#/components/schemas/${messageName(type)}` },
      bindings: { kafka: { key: { type: 'string' }, bindingVersion: '0.5.0' } },
    };
  }

  const schemas: Record<string, unknown> = {
    CloudEventsKafkaHeaders: {
      type: 'object',
      description: 'CloudEvents 1.0, Kafka protocol binding, binary content mode.',
      required: ['ce_specversion', 'ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_subject'],
      properties: {
        ce_specversion: { const: '1.0' },
        ce_id: { type: 'string', format: 'uuid' },
        ce_source: { type: 'string' },
        ce_type: { type: 'string', enum: EVENT_TYPES },
        ce_time: { type: 'string', format: 'date-time' },
        ce_subject: { type: 'string' },
        'content-type': { const: 'application/json' },
      },
    },
  };
  for (const type of EVENT_TYPES) {
    schemas[messageName(type)] = JSON.parse(JSON.stringify(EVENT_CATALOG[type].schema));
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'MEIC platform domain events',
      version,
      description: 'Events published by the MEIC domain services through their transactional outboxes. No personal data: beneficiaries appear by pseudonymous id and coarse attributes only.',
    },
    defaultContentType: 'application/json',
    servers: { local: { host: '127.0.0.1:9092', protocol: 'kafka', description: 'Local single-node KRaft broker' } },
    channels,
    operations,
    components: { messages, schemas },
  };
}

/** The committed JSON Schema file of an event type, as text. */
export function renderEventSchema(type: EventType): string {
  const schema = { $schema: 'http://json-schema.org/draft-07/schema#', ...JSON.parse(JSON.stringify(EVENT_CATALOG[type].schema)) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
