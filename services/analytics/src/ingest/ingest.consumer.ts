import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ALL_TOPICS } from '@meic/contracts';
import { EventConsumer, KAFKA, LOGGER, Metrics, ok, ReadinessRegistry } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { IngestService } from './ingest.service';

export const INGEST_GROUP = Symbol('INGEST_GROUP');

/** Every topic of the registry flows into ClickHouse; unreadable events go to the group's DLQ. */
@Injectable()
export class IngestConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;

  constructor(
    @Inject(KAFKA) kafka: Kafka,
    @Inject(LOGGER) logger: Logger,
    @Inject(INGEST_GROUP) groupId: string,
    metrics: Metrics,
    private readonly readiness: ReadinessRegistry,
    ingest: IngestService,
  ) {
    this.consumer = new EventConsumer({
      kafka,
      groupId,
      topics: ALL_TOPICS,
      logger,
      registry: metrics.registry,
      handle: async (event, meta) => {
        await ingest.store(event, meta);
        return ok;
      },
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
