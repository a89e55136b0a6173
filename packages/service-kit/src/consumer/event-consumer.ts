import type { CloudEvent } from '@meic/contracts';
import { Counter, type Registry } from 'prom-client';
import { ConsumerTransport, type ConsumerOptions, type EventMeta } from './consumer-transport';

export type { EventMeta } from './consumer-transport';

/** What a consumer step decided; it never throws for a bad event (only for a transient failure). */
export type StepResult = { outcome: 'ok' } | { outcome: 'drop'; reason: string } | { outcome: 'dead-letter'; reason: string };

export const ok: StepResult = { outcome: 'ok' };
export const drop = (reason: string): StepResult => ({ outcome: 'drop', reason });
export const deadLetter = (reason: string): StepResult => ({ outcome: 'dead-letter', reason });

export interface EventConsumerOptions extends ConsumerOptions {
  registry?: Registry;
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
 * The message mode: a consumer group that hands each valid CloudEvent to a step and sends
 * unreadable or rejected ones to `<topic>.dlq.<group>` with the reason, then moves on.
 * Offsets are committed after the step, so a crash redelivers: steps must be idempotent on ce_id.
 */
export class EventConsumer {
  private readonly transport: ConsumerTransport;
  private readonly outcomes?: Counter<'topic' | 'outcome'>;

  constructor(private readonly opts: EventConsumerOptions) {
    this.transport = new ConsumerTransport(opts);
    if (opts.registry) {
      // One counter per registry, shared by the consumers of an application (their topics differ).
      this.outcomes =
        (opts.registry.getSingleMetric('consumer_events_total') as Counter<'topic' | 'outcome'> | undefined) ??
        new Counter({ name: 'consumer_events_total', help: 'Events consumed by outcome', labelNames: ['topic', 'outcome'], registers: [opts.registry] });
    }
  }

  readonly readinessCheck = (): Promise<void> => this.transport.readinessCheck();

  async start(): Promise<void> {
    const consumer = await this.transport.connect(500);
    await consumer.run({
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 4,
      eachMessage: async ({ topic, partition, message }) => {
        const record = this.transport.read(message);
        const result: StepResult = record.kind === 'event' ? await this.opts.handle(record.event, { topic, partition, offset: message.offset }) : record.kind === 'drop' ? drop(record.reason) : deadLetter(record.reason);
        this.outcomes?.inc({ topic, outcome: result.outcome });
        if (result.outcome === 'dead-letter') await this.transport.deadLetter(topic, partition, [{ message, reason: result.reason }]);
        if (result.outcome === 'drop') this.opts.logger.debug({ topic, offset: message.offset, reason: result.reason }, 'event dropped');
      },
    });
  }

  async stop(): Promise<void> {
    await this.transport.disconnect();
  }
}
