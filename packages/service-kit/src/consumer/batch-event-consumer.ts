import type { CloudEvent } from '@meic/contracts';
import { Batcher, nextOffset } from './batcher';
import { ConsumerTransport, type ConsumerOptions, type DeadLetter, type EventMeta } from './consumer-transport';

/** A record sent to the dead-letter topic, for an application that also keeps its own account of them. */
export interface DeadLetterInfo extends EventMeta {
  reason: string;
  eventId: string | null;
  type: string | null;
}

export interface BatchEventConsumerOptions<T> extends ConsumerOptions {
  /** Flush when this many items wait. */
  batchSize: number;
  /** Flush when the oldest waiting item is this old (ms). */
  flushMs: number;
  /** The item a valid event becomes; a throw dead-letters the record. */
  toItem: (event: CloudEvent, meta: EventMeta) => T;
  /** The item that records a dead letter in the application's store too (none: the topic only). */
  deadLetterItem?: (letter: DeadLetterInfo) => T;
  /** Stores one batch, idempotently; a throw fails the batch and its partitions are read again. */
  store: (items: readonly T[]) => Promise<void>;
}

/**
 * The batch mode: every partition's records become items in one shared batcher, stored by size
 * or time, with no auto-commit. Unreadable or invalid records go to `<topic>.dlq.<group>` first.
 * A partition's offsets are committed only after every item of its batch was stored, so a crash
 * anywhere loses nothing and replays at most the uncommitted tail, which `store` must collapse
 * (ADR 0004).
 */
export class BatchEventConsumer<T> {
  private readonly transport: ConsumerTransport;
  private batcher?: Batcher<T>;

  constructor(private readonly opts: BatchEventConsumerOptions<T>) {
    this.transport = new ConsumerTransport(opts);
  }

  readonly readinessCheck = (): Promise<void> => this.transport.readinessCheck();

  get groupId(): string {
    return this.opts.groupId;
  }

  get topics(): readonly string[] {
    return this.opts.topics;
  }

  async start(): Promise<void> {
    const { topics, logger } = this.opts;
    this.batcher = new Batcher<T>({
      maxSize: this.opts.batchSize,
      maxWaitMs: this.opts.flushMs,
      flush: async (items) => {
        try {
          await this.opts.store(items);
        } catch (e) {
          logger.error({ err: String(e), items: items.length }, 'batch not stored; its partitions will be read again');
          throw e;
        }
      },
    });
    const consumer = await this.transport.connect(100);
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: true,
      // Every partition's batch may wait in the shared batcher at the same time.
      partitionsConsumedConcurrently: Math.max(1, topics.length * (this.opts.partitions ?? 6)),
      eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
        if (batch.messages.length === 0) return;
        const { topic, partition } = batch;
        const items: T[] = [];
        const dead: DeadLetter[] = [];
        for (const message of batch.messages) {
          const meta = { topic, partition, offset: message.offset };
          const record = this.transport.read(message);
          if (record.kind === 'drop') {
            logger.debug({ ...meta, reason: record.reason }, 'retired event dropped');
            continue;
          }
          let letter: DeadLetterInfo | undefined = record.kind === 'dead-letter' ? { ...meta, reason: record.reason, eventId: record.eventId, type: record.type } : undefined;
          if (record.kind === 'event') {
            try {
              items.push(this.opts.toItem(record.event, meta));
            } catch (e) {
              letter = { ...meta, reason: `cannot store the event: ${(e as Error).message}`, eventId: record.event.id, type: record.event.type };
            }
          }
          if (letter) {
            dead.push({ message, reason: letter.reason });
            if (this.opts.deadLetterItem) items.push(this.opts.deadLetterItem(letter));
          }
        }
        // The dead letters are sent before the offsets move; a crash may send one twice.
        await this.transport.deadLetter(topic, partition, dead);
        await this.batcher!.add(items);
        if (!isRunning() || isStale()) return;
        await consumer.commitOffsets([{ topic, partition, offset: nextOffset(batch.lastOffset()) }]);
        await heartbeat();
      },
    });
  }

  async stop(): Promise<void> {
    // Store what was read; the batches waiting on it then commit before the consumer leaves.
    const draining = this.batcher?.drain().finally(() => this.batcher?.close());
    await this.transport.disconnect(draining);
  }
}
