import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { KAFKA, LOGGER, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { BatchIngestConsumer } from './batch-consumer';
import { IngestService } from './ingest.service';

export const INGEST_OPTIONS = Symbol('INGEST_OPTIONS');

export interface IngestOptions {
  groupId: string;
  topics: readonly string[];
  batchSize: number;
  flushMs: number;
}

/** Runs the batch ingest with the application: joins on bootstrap, reports on /readyz as `kafka-consumer`. */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly consumer: BatchIngestConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(INGEST_OPTIONS) readonly options: IngestOptions,
    private readonly readiness: ReadinessRegistry,
    ingest: IngestService,
  ) {
    this.consumer = new BatchIngestConsumer({
      kafka,
      logger,
      groupId: options.groupId,
      topics: options.topics,
      batchSize: options.batchSize,
      flushMs: options.flushMs,
      toRow: (event, meta) => ingest.toRow(event, meta),
      store: (items) => ingest.storeBatch(items),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.readiness.register('kafka-consumer', this.consumer.readinessCheck);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
