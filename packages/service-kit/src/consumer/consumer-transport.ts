import { deadLetterTopic, fromKafkaRecord, type CloudEvent } from '@meic/contracts';
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { deadLetterTopicConfig, domainTopic, ensureTopics } from '../kafka/kafka';

/** Where a consumed event was read from. */
export interface EventMeta {
  topic: string;
  partition: number;
  offset: string;
}

/** What every consumer of the platform is configured with, whatever its mode. */
export interface ConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  /** Partitions of a domain topic this consumer creates when it does not exist yet (default 6). */
  partitions?: number;
  fromBeginning?: boolean;
}

/** A record as read: a valid event, one to drop (a retired type) or one to dead-letter. */
export type ReadRecord = { kind: 'event'; event: CloudEvent } | { kind: 'drop'; reason: string } | { kind: 'dead-letter'; reason: string; eventId: string | null; type: string | null };

/** A record that is not a valid event of its contract, and why. */
export interface DeadLetter {
  message: KafkaMessage;
  reason: string;
}

/**
 * The Kafka side every consumer mode shares, written once: the domain and dead-letter topics
 * (with their retention), the group membership that /readyz reports, reading a CloudEvent from a
 * record, and sending a rejected record to `<topic>.dlq.<group>` with the reason in its headers.
 * It knows nothing of what the application does with an event.
 */
export class ConsumerTransport {
  private producer?: Producer;
  private consumer?: Consumer;
  private running = false;

  constructor(private readonly opts: ConsumerOptions) {}

  /** For `/readyz`: a consumer that has not joined its group (or crashed) is not ready. */
  readonly readinessCheck = async (): Promise<void> => {
    if (!this.running) throw new Error('consumer has not joined its group');
  };

  /** Creates the topics, connects and subscribes; the caller then runs the returned consumer. */
  async connect(maxWaitTimeInMs: number): Promise<Consumer> {
    const { kafka, groupId, topics, logger } = this.opts;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topics.map((topic) => domainTopic(topic, this.opts.partitions ?? 6)));
      await ensureTopics(admin, topics.map((topic) => deadLetterTopicConfig(deadLetterTopic(topic, groupId))));
    } finally {
      await admin.disconnect();
    }
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    // A disconnect waits for the fetch in flight: kafkajs's 5 s default long-poll made every
    // shutdown take seconds. Data still returns as soon as it arrives (minBytes 1).
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [...topics], fromBeginning: this.opts.fromBeginning ?? true });
    consumer.on(consumer.events.CRASH, (e) => {
      this.running = false;
      logger.error({ err: String(e.payload.error), restart: e.payload.restart, groupId }, 'consumer crashed');
    });
    consumer.on(consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
    return consumer;
  }

  /** The record's CloudEvent, or why it is not one (a retired type is dropped: its dead letter would copy what made it retired). */
  read(message: KafkaMessage): ReadRecord {
    const parsed = fromKafkaRecord(message);
    if (parsed.ok) return { kind: 'event', event: parsed.event };
    if (parsed.retired) return { kind: 'drop', reason: parsed.reason };
    return { kind: 'dead-letter', reason: parsed.reason, eventId: parsed.id, type: parsed.type };
  }

  /** Sends records of one partition to the group's dead-letter topic, each with its reason and origin in the headers. */
  async deadLetter(topic: string, partition: number, letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const messages = letters.map(({ message, reason }) => {
      const headers: Record<string, string | Buffer> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) {
        const first = Array.isArray(v) ? v[0] : v;
        if (first !== undefined) headers[k] = first;
      }
      Object.assign(headers, { dlq_reason: reason, dlq_topic: topic, dlq_partition: String(partition), dlq_offset: message.offset, dlq_group: this.opts.groupId });
      this.opts.logger.warn({ topic, partition, offset: message.offset, reason }, 'event dead-lettered');
      return { key: message.key, value: message.value, headers };
    });
    await this.producer?.send({ topic: deadLetterTopic(topic, this.opts.groupId), acks: -1, messages });
  }

  /** Leaves the group; `beforeProducer` runs between (what must still be written, e.g. a last batch). */
  async disconnect(beforeProducer?: Promise<unknown>): Promise<void> {
    this.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
    await beforeProducer?.catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }
}
