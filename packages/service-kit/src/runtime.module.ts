import { Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { Metrics } from './health/metrics';
import { ReadinessRegistry } from './health/readiness';
import { createKafka, domainTopic, ensureTopics } from './kafka/kafka';
import { OutboxRelay } from './outbox/outbox.relay';

export const LOGGER = Symbol('LOGGER');
export const KAFKA = Symbol('KAFKA');
const OUTBOX_OPTIONS = Symbol('OUTBOX_OPTIONS');

export interface RuntimeOptions {
  service: string;
  logger: Logger;
  kafkaBrokers: string;
}

/** Process-wide clients (logger, Kafka) shared by every module of a service. */
@Module({})
export class RuntimeModule {
  static forRoot(opts: RuntimeOptions): DynamicModule {
    return {
      module: RuntimeModule,
      global: true,
      providers: [
        { provide: LOGGER, useValue: opts.logger },
        { provide: KAFKA, useValue: createKafka({ brokers: opts.kafkaBrokers, clientId: `meic-${opts.service}`, logger: opts.logger }) },
      ],
      exports: [LOGGER, KAFKA],
    };
  }
}

export interface OutboxOptions {
  databaseUrl: string;
  /** Topics this service produces to; created at boot when missing. */
  topics: readonly string[];
  partitions: number;
  pollIntervalMs?: number;
}

@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    @Inject(OUTBOX_OPTIONS) private readonly opts: OutboxOptions,
    @Inject(KAFKA) private readonly kafka: Kafka,
    @Inject(LOGGER) private readonly logger: Logger,
    metrics: Metrics,
    private readonly readiness: ReadinessRegistry,
  ) {
    this.relay = new OutboxRelay({ databaseUrl: opts.databaseUrl, kafka, logger, registry: metrics.registry, pollIntervalMs: opts.pollIntervalMs });
  }

  async onApplicationBootstrap(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await ensureTopics(admin, this.opts.topics.map((topic) => domainTopic(topic, this.opts.partitions)));
    } finally {
      await admin.disconnect();
    }
    await this.relay.start();
    const admin2 = this.kafka.admin();
    let connected = false;
    this.readiness.register('kafka', async () => {
      if (!connected) {
        await admin2.connect();
        connected = true;
      }
      await admin2.fetchTopicMetadata({ topics: [...this.opts.topics] });
    });
    this.onShutdown = async () => {
      if (connected) await admin2.disconnect();
    };
    this.logger.info({ topics: this.opts.topics }, 'outbox relay started');
  }

  private onShutdown: () => Promise<void> = async () => undefined;

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.onShutdown();
  }
}

/** Publishes this service's outbox to Kafka for as long as the app runs. */
@Module({})
export class OutboxModule {
  static forRoot(opts: OutboxOptions): DynamicModule {
    return {
      module: OutboxModule,
      providers: [{ provide: OUTBOX_OPTIONS, useValue: opts }, OutboxRelayService],
      exports: [OutboxRelayService],
    };
  }
}
