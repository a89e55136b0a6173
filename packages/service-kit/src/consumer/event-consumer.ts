import { deadLetterTopic, fromKafkaRecord, type CloudEvent } from '@meic/contracts';
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import { deadLetterTopicConfig, domainTopic, ensureTopics } from '../kafka/kafka';

/** What a consumer step decided; it never throws for a bad event (only for a transient failure). */
export type StepResult = { outcome: 'ok' } | { outcome: 'drop'; reason: string } | { outcome: 'dead-letter'; reason: string };

export const ok: StepResult = { outcome: 'ok' };
export const drop = (reason: string): StepResult => ({ outcome: 'drop', reason });
export const deadLetter = (reason: string): StepResult => ({ outcome: 'dead-letter', reason });

/** Where a consumed event was read from. */
export interface EventMeta {
  topic: string;
  partition: number;
  offset: string;
}

export interface EventConsumerOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  registry?: Registry;
  partitions?: number;
  fromBeginning?: boolean;
  /**
   * Partitions whose messages are handled at the same time (default 4). Order holds within a
   * partition — one aggregate's or one person's events of a topic — which is all a step may rely
   * on; across partitions and topics there never was an order. Steps wait on I/O (PostgreSQL,
   * Temporal), so one at a time left a consumer far behind a bulk load.
   */
  partitionsConsumedConcurrently?: number;
  /** Handles one valid event. Throw only for transient failures (the message is then retried). */
  handle: (event: CloudEvent, meta: EventMeta) => Promise<StepResult>;
}

/**
 * A consumer group that reads CloudEvents in binary mode, hands valid ones to a step and
 * sends unreadable or rejected ones to `<topic>.dlq.<group>` with the reason, then moves on.
 * Offsets are committed after the step, so a crash redelivers: steps must be idempotent on ce_id.
 */
export class EventConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private readonly outcomes?: Counter<'topic' | 'outcome'>;
  private running = false;

  constructor(private readonly opts: EventConsumerOptions) {
    if (opts.registry) {
      // One counter per registry, shared by the consumers of an application (their topics differ).
      this.outcomes =
        (opts.registry.getSingleMetric('consumer_events_total') as Counter<'topic' | 'outcome'> | undefined) ??
        new Counter({ name: 'consumer_events_total', help: 'Events consumed by outcome', labelNames: ['topic', 'outcome'], registers: [opts.registry] });
    }
  }

  /** For `/readyz`: a consumer that has not joined its group (or crashed) is not ready. */
  readonly readinessCheck = async (): Promise<void> => {
    if (!this.running) throw new Error('consumer has not joined its group');
  };

  async start(): Promise<void> {
    const { kafka, groupId, topics } = this.opts;
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
    // A disconnect waits for the fetch in flight; kafkajs's 5 s default long-poll made every
    // shutdown take seconds. Data still returns as soon as it arrives (minBytes 1).
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 500 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.opts.fromBeginning ?? true });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.running = false;
      this.opts.logger.error({ err: String(e.payload.error), restart: e.payload.restart }, 'consumer crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 4,
      eachMessage: async ({ topic, partition, message }) => {
        const result = await this.step(topic, partition, message);
        this.outcomes?.inc({ topic, outcome: result.outcome });
        if (result.outcome === 'dead-letter') await this.sendToDeadLetter(topic, partition, message, result.reason);
        if (result.outcome === 'drop') this.opts.logger.debug({ topic, offset: message.offset, reason: result.reason }, 'event dropped');
      },
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    await this.consumer?.disconnect().catch(() => undefined);
    await this.producer?.disconnect().catch(() => undefined);
  }

  private async step(topic: string, partition: number, message: KafkaMessage): Promise<StepResult> {
    const parsed = fromKafkaRecord(message);
    // A retired type is dropped: its dead letter would copy what made it retired (a clear id).
    if (!parsed.ok) return parsed.retired ? drop(parsed.reason) : deadLetter(parsed.reason);
    return this.opts.handle(parsed.event, { topic, partition, offset: message.offset });
  }

  private async sendToDeadLetter(topic: string, partition: number, message: KafkaMessage, reason: string): Promise<void> {
    const headers: Record<string, string | Buffer> = {};
    for (const [k, v] of Object.entries(message.headers ?? {})) {
      const first = Array.isArray(v) ? v[0] : v;
      if (first !== undefined) headers[k] = first;
    }
    Object.assign(headers, { dlq_reason: reason, dlq_topic: topic, dlq_partition: String(partition), dlq_offset: message.offset, dlq_group: this.opts.groupId });
    await this.producer?.send({ topic: deadLetterTopic(topic, this.opts.groupId), acks: -1, messages: [{ key: message.key, value: message.value, headers }] });
    this.opts.logger.warn({ topic, partition, offset: message.offset, reason }, 'event dead-lettered');
  }
}
