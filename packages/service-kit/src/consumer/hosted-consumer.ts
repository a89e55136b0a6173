import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown, type Provider } from '@nestjs/common';
import type { CloudEvent } from '@meic/contracts';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Metrics } from '../health/metrics';
import { ReadinessRegistry } from '../health/readiness';
import { KAFKA, LOGGER } from '../runtime.module';
import { EventConsumer, type EventMeta, type StepResult } from './event-consumer';

/** The application's consumer group, from its configuration (see `consumerProviders`). */
export const CONSUMER_GROUP = Symbol('CONSUMER_GROUP');

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
 * The platform's parts every hosted consumer of an application takes, injected as one provider
 * so a consumer's constructor names only what its own steps need.
 */
@Injectable()
export class ConsumerPlatform implements HostedConsumerDeps {
  constructor(
    @Inject(KAFKA) readonly kafka: Kafka,
    @Inject(LOGGER) readonly logger: Logger,
    @Inject(CONSUMER_GROUP) readonly groupId: string,
    readonly metrics: Metrics,
    readonly readiness: ReadinessRegistry,
  ) {}

  /** The parts for a second consumer of the application, which needs a group (`<group>.<name>`) and a readiness name of its own. */
  beside(name: string): HostedConsumerDeps {
    const { kafka, logger, metrics, readiness } = this;
    return { kafka, logger, metrics, readiness, groupId: `${this.groupId}.${name}`, readinessName: `kafka-consumer-${name}` };
  }
}

/** What a module hosting consumers provides: its group id and the ConsumerPlatform built on it. */
export function consumerProviders(groupId: string): Provider[] {
  return [{ provide: CONSUMER_GROUP, useValue: groupId }, ConsumerPlatform];
}

/**
 * A Nest provider that runs one EventConsumer with the application: it joins its group on
 * bootstrap and from then on reports on /readyz (as `kafka-consumer` unless named), and leaves the group on
 * shutdown. A subclass injects the ConsumerPlatform and what its steps need, passes the platform
 * (with a group and readiness name of its own when it runs beside another consumer) and its
 * topics to this constructor, and implements `dispatch`.
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
