import { Inject, Injectable } from '@nestjs/common';
import { BatchEventConsumer, HostedConsumer, KAFKA, LOGGER, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestService, type IngestItem } from './ingest.service';

export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');

export interface IngestOptions {
  groupId: string;
  topics: readonly string[];
  batchSize: number;
  flushMs: number;
  /** Partitions of a topic the ingest creates when it does not exist yet (default 6). */
  partitions?: number;
}

/**
 * The ingest as a batch-mode consumer: valid events become rows, dead letters are recorded in
 * `dead_letters` too (with the reason), and each batch is stored in ClickHouse before its
 * offsets move.
 */
export function ingestConsumer(kafka: Kafka, logger: Logger, options: IngestOptions, ingest: IngestService): BatchEventConsumer<IngestItem> {
  return new BatchEventConsumer<IngestItem>({
    kafka,
    logger,
    groupId: options.groupId,
    topics: options.topics,
    partitions: options.partitions,
    batchSize: options.batchSize,
    flushMs: options.flushMs,
    toItem: (event, meta) => ({ kind: 'event', row: ingest.toRow(event, meta) }),
    deadLetterItem: (l) => ({ kind: 'dead-letter', row: { group_id: options.groupId, topic: l.topic, partition: l.partition, offset: l.offset, event_id: l.eventId ?? '', type: l.type ?? '', reason: l.reason } }),
    store: (items) => ingest.storeBatch(items),
  });
}

/** Runs the ingest with the application: joins on bootstrap, reports on /readyz as `kafka-consumer`. */
@Injectable()
export class IngestConsumer extends HostedConsumer {
  protected readonly runnable: BatchEventConsumer<IngestItem>;

  constructor(@Inject(KAFKA) kafka: Kafka, @Inject(LOGGER) logger: Logger, @Inject(INGEST_OPTIONS) readonly options: IngestOptions, readiness: ReadinessRegistry, ingest: IngestService) {
    super(readiness);
    this.runnable = ingestConsumer(kafka, logger, options, ingest);
  }
}
