import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { CloudEvent } from '@meic/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { Metrics } from '../health/metrics';
import type { ReadinessRegistry } from '../health/readiness';
import { EventConsumer, type EventMeta, type StepResult } from './event-consumer';

/** What a hosted consumer needs from the platform (KAFKA, LOGGER, its group, Metrics, ReadinessRegistry). */
export interface HostedConsumerDeps {
  kafka: Kafka;
  logger: Logger;
  groupId: string;
  metrics: Metrics;
  readiness: ReadinessRegistry;
  /** Its name on /readyz, when an application runs more than one consumer (default `kafka-consumer`). */
  readinessName?: string;
}

/**
 * A Nest provider that runs one EventConsumer with the application: it joins its group on
 * bootstrap and from then on reports on /readyz (as `kafka-consumer` unless named), and leaves the group on
 * shutdown. A subclass injects what its steps need, passes the platform's parts and its topics
 * to this constructor, and implements `dispatch`.
 */
export abstract class HostedEventConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: EventConsumer;
  private readonly readiness: ReadinessRegistry;
  private readonly readinessName: string;

  protected constructor(deps: HostedConsumerDeps, topics: readonly string[]) {
    this.readiness = deps.readiness;
    this.readinessName = deps.readinessName ?? 'kafka-consumer';
    this.consumer = new EventConsumer({
      kafka: deps.kafka,
      groupId: deps.groupId,
      topics,
      logger: deps.logger,
      registry: deps.metrics.registry,
      handle: (event, meta) => this.dispatch(event, meta),
    });
  }

  /** One valid event, as EventConsumerOptions.handle: throw only for transient failures. */
  abstract dispatch(event: CloudEvent, meta: EventMeta): Promise<StepResult>;

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.readiness.register(this.readinessName, this.consumer.readinessCheck);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
