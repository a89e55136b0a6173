import { buildEvent, deadLetterTopic, toKafkaRecord } from '@meic/contracts';
import { pollUntil, randomName, testStack } from '@meic/testing';
import { ConfigResourceTypes, type Kafka, type Producer } from 'kafkajs';
import { createLogger } from '../logging/logger';
import { createKafka, DEAD_LETTER_RETENTION_DAYS, ensureTopics } from '../kafka/kafka';
import { deadLetter, EventConsumer, ok, type StepResult } from './event-consumer';

const enrolled = (pseudonym: string) =>
  buildEvent('meic.beneficiary.enrolled.v2', {
    pseudonym,
    siteCode: 'GR-ATH',
    country: 'GR',
    programme: 'AMIL',
    occurredOn: '2026-02-01',
    sex: 'male',
    ageBand: '30-39',
    citizenship: 'AF',
    legalStatus: 'asylum_seeker',
  });

describe('EventConsumer against a real broker', () => {
  const logger = createLogger('test', 'error');
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;
  let group: string;
  let consumer: EventConsumer;
  const handled: string[] = [];

  beforeAll(async () => {
    kafka = createKafka({ brokers: testStack().kafkaBrokers, clientId: 'event-consumer-test', logger });
    topic = randomName('topic');
    group = randomName('group');
    const admin = kafka.admin();
    await admin.connect();
    await ensureTopics(admin, [{ topic, numPartitions: 3 }]);
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await consumer?.stop();
    await producer?.disconnect();
  });

  it('dead-letters unreadable and rejected events with the reason, drops retired ones, and keeps consuming', async () => {
    const good1 = enrolled('8f7a4c1e-1111-4a57-9a57-0d6a3f1c2b11');
    const rejected = enrolled('8f7a4c1e-2222-4a57-9a57-0d6a3f1c2b11');
    const good2 = enrolled('8f7a4c1e-3333-4a57-9a57-0d6a3f1c2b11');
    const asMessage = (e: typeof good1) => {
      const r = toKafkaRecord(e);
      return { key: r.key, value: r.value, headers: r.headers };
    };
    const notJson = { ...asMessage(good1), key: 'garbage', value: '{oops', headers: { ...asMessage(good1).headers, ce_id: 'not-json-1' } };
    const piiLeak = {
      ...asMessage(good1),
      key: 'pii',
      value: JSON.stringify({ ...good1.data, givenName: 'Leak' }),
      headers: { ...asMessage(good1).headers, ce_id: 'pii-1' },
    };
    // A retired version from an old log (it carried the beneficiary id in clear): dropped, never
    // copied to the dead-letter topic, and the consumer goes on.
    const { pseudonym: clearId, ...rest } = good1.data;
    const retired = { ...asMessage(good1), value: JSON.stringify({ ...rest, beneficiaryId: clearId }), headers: { ...asMessage(good1).headers, ce_id: 'retired-1', ce_type: 'meic.beneficiary.enrolled.v1' } };
    // All on one key, so one partition: order is what we sent.
    const messages = [asMessage(good1), notJson, piiLeak, asMessage(rejected), retired, asMessage(good2)].map((m) => ({ ...m, key: 'one-key' }));
    await producer.send({ topic, messages, acks: -1 });

    consumer = new EventConsumer({
      kafka,
      groupId: group,
      topics: [topic],
      logger,
      handle: async (event): Promise<StepResult> => {
        const id = (event.data as { pseudonym: string }).pseudonym;
        if (id === rejected.data.pseudonym) return deadLetter('business rule: test rejection');
        handled.push(id);
        return ok;
      },
    });
    await consumer.start();

    await pollUntil('both good events to be handled', () => handled.length === 2 || undefined, { timeoutMs: 30_000 });
    expect(handled).toEqual([good1.data.pseudonym, good2.data.pseudonym]);

    const dlq: { reason: string; id: string; offset: string }[] = [];
    const reader = kafka.consumer({ groupId: randomName('dlq-reader') });
    await reader.connect();
    await reader.subscribe({ topic: deadLetterTopic(topic, group), fromBeginning: true });
    await reader.run({
      eachMessage: async ({ message }) => {
        dlq.push({ reason: String(message.headers?.['dlq_reason']), id: String(message.headers?.['ce_id']), offset: String(message.headers?.['dlq_offset']) });
      },
    });
    await pollUntil('three dead letters', () => dlq.length === 3 || undefined, { timeoutMs: 30_000 });
    await reader.disconnect();

    expect(dlq.map((d) => d.id)).toEqual(['not-json-1', 'pii-1', rejected.id]);
    expect(dlq[0]?.reason).toMatch(/body is not JSON/);
    expect(dlq[1]?.reason).toMatch(/\/givenName is not a known field/);
    expect(dlq[2]?.reason).toBe('business rule: test rejection');
    expect(dlq.map((d) => d.offset)).toEqual(['1', '2', '3']);
  });

  it('sets retention explicitly: the topic keeps every event (it was created with the broker default), its dead-letter topic 30 days', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const retention = async (name: string) => {
        const { resources } = await admin.describeConfigs({ includeSynonyms: false, resources: [{ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] }] });
        return resources[0]?.configEntries.find((c) => c.configName === 'retention.ms')?.configValue;
      };
      expect(await retention(topic)).toBe('-1');
      expect(await retention(deadLetterTopic(topic, group))).toBe(String(DEAD_LETTER_RETENTION_DAYS * 86_400_000));
    } finally {
      await admin.disconnect();
    }
  });

});
