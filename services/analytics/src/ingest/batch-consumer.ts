import { deadLetterTopic, fromKafkaRecord, type CloudEvent } from '@meic/contracts';
import { deadLetterTopicConfig, domainTopic, ensureTopics } from '@meic/service-kit';
import { Partitioners, type Consumer, type Kafka, type KafkaMessage, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Batcher, nextOffset } from './batcher';
import type { DeadLetterRow, EventRow } from './ingest.repository';
import type { IngestItem } from './ingest.service';

export interface BatchIngestOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  logger: Logger;
  /** Flush when this many items wait (INGEST_BATCH_SIZE). */
  batchSize: number;
  /** Flush when the oldest waiting item is this old (INGEST_FLUSH_MS). */
  flushMs: number;
  /** Turns a valid event into its row; a throw dead-letters the record. */
  toRow: (event: CloudEvent, meta: { topic: string; partition: number; offset: string }) => EventRow;
  /** Stores one batch (idempotently); a throw fails the batch and its partitions are read again. */
  store: (items: readonly IngestItem[]) => Promise<void>;
  partitions?: number;
  fromBeginning?: boolean;
}

/**
 * The analytics ingest: a kafkajs consumer with a batch handler and no auto-commit.
 *
 * Each partition batch is parsed; unreadable or invalid records are sent to
 * `<topic>.dlq.<group>` (with `dlq_reason`) and recorded in `dead_letters`; the rest join a
 * shared batcher that writes to ClickHouse by size or time. The partition's offsets are
 * committed only after every item of its batch was stored, so a crash anywhere loses nothing
 * and replays at most the uncommitted tail, which the tables' keys collapse (ADR 0004).
 */
export class BatchIngestConsumer {
  private consumer?: Consumer;
  private producer?: Producer;
  private batcher?: Batcher<IngestItem>;
  private running = false;

  constructor(private readonly opts: BatchIngestOptions) {}

  readonly readinessCheck = async (): Promise<void> => {
    if (!this.running) throw new Error('ingest consumer has not joined its group');
  };

  get groupId(): string {
    return this.opts.groupId;
  }

  get topics(): readonly string[] {
    return this.opts.topics;
  }

  async start(): Promise<void> {
    const { kafka, groupId, topics, logger } = this.opts;
    const admin = kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, topics.map((topic) => domainTopic(topic, this.opts.partitions ?? 6)));
      await ensureTopics(admin, topics.map((topic) => deadLetterTopicConfig(deadLetterTopic(topic, groupId))));
    } finally {
      await admin.disconnect();
    }
    this.batcher = new Batcher<IngestItem>({ maxSize: this.opts.batchSize, maxWaitMs: this.opts.flushMs, flush: (items) => this.flush(items) });
    this.producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    this.consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxWaitTimeInMs: 100 });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...topics], fromBeginning: this.opts.fromBeginning ?? true });
    this.consumer.on(this.consumer.events.CRASH, (e) => {
      this.running = false;
      logger.error({ err: String(e.payload.error), restart: e.payload.restart }, 'ingest consumer crashed');
    });
    this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
      this.running = true;
    });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      // Every partition's batch may wait in the shared batcher at the same time.
      partitionsConsumedConcurrently: Math.max(1, topics.length * (this.opts.partitions ?? 6)),
      eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
        if (batch.messages.length === 0) return;
        const { topic, partition } = batch;
        const items: IngestItem[] = [];
        const dead: { message: KafkaMessage; reason: string }[] = [];
        for (const message of batch.messages) {
          const item = this.read(topic, partition, message);
          if (!item) continue;
          if (item.kind === 'dead-letter') dead.push({ message, reason: item.row.reason });
          items.push(item);
        }
        // The DLQ record is written before the offsets move; a crash may send it twice, the table counts it once.
        if (dead.length > 0) await this.sendToDeadLetter(topic, partition, dead);
        await this.batcher!.add(items);
        if (!isRunning() || isStale()) return;
        await this.consumer!.commitOffsets([{ topic, partition, offset: nextOffset(batch.lastOffset()) }]);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    // Store what was read; the batches waiting on it then commit before the consumer leaves.
    const draining = this.batcher?.drain();
    await this.consumer?.disconnect().catch(() => undefined);
    await draining?.catch(() => undefined);
    this.batcher?.close();
    await this.producer?.disconnect().catch(() => undefined);
  }

  /** The item to store, or null for a retired event type: dropped, as a dead letter would copy what made it retired. */
  private read(topic: string, partition: number, message: KafkaMessage): IngestItem | null {
    const parsed = fromKafkaRecord(message);
    if (!parsed.ok && parsed.retired) {
      this.opts.logger.debug({ topic, partition, offset: message.offset, reason: parsed.reason }, 'retired event dropped');
      return null;
    }
    const deadLetter = (reason: string, id: string | null, type: string | null): IngestItem => ({
      kind: 'dead-letter',
      row: { group_id: this.opts.groupId, topic, partition, offset: message.offset, event_id: id ?? '', type: type ?? '', reason } satisfies DeadLetterRow,
    });
    if (!parsed.ok) return deadLetter(parsed.reason, parsed.id, parsed.type);
    try {
      return { kind: 'event', row: this.opts.toRow(parsed.event, { topic, partition, offset: message.offset }) };
    } catch (e) {
      return deadLetter(`cannot store the event: ${(e as Error).message}`, parsed.event.id, parsed.event.type);
    }
  }

  private async flush(items: IngestItem[]): Promise<void> {
    try {
      await this.opts.store(items);
    } catch (e) {
      this.opts.logger.error({ err: String(e), items: items.length }, 'ingest batch not stored; its partitions will be read again');
      throw e;
    }
  }

  private async sendToDeadLetter(topic: string, partition: number, dead: { message: KafkaMessage; reason: string }[]): Promise<void> {
    const messages = dead.map(({ message, reason }) => {
      const headers: Record<string, string | Buffer> = {};
      for (const [k, v] of Object.entries(message.headers ?? {})) {
        const first = Array.isArray(v) ? v[0] : v;
        if (first !== undefined) headers[k] = first;
      }
      Object.assign(headers, { dlq_reason: reason, dlq_topic: topic, dlq_partition: String(partition), dlq_offset: message.offset, dlq_group: this.opts.groupId });
      this.opts.logger.warn({ topic, partition, offset: message.offset, reason }, 'event dead-lettered');
      return { key: message.key, value: message.value, headers };
    });
    await this.producer!.send({ topic: deadLetterTopic(topic, this.opts.groupId), acks: -1, messages });
  }
}
