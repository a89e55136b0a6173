import { ConfigResourceTypes, Kafka, logLevel as KafkaLogLevel, type Admin, type ITopicConfig, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

export function parseBrokers(list: string): string[] {
  return list.split(',').map((b) => b.trim()).filter(Boolean);
}

/** A kafkajs client whose own logs go through the service's JSON logger. */
export function createKafka(opts: { brokers: string; clientId: string; logger: Logger }): Kafka {
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
    [KafkaLogLevel.ERROR]: 'error',
    [KafkaLogLevel.WARN]: 'warn',
    [KafkaLogLevel.INFO]: 'info',
    [KafkaLogLevel.DEBUG]: 'debug',
  };
  const log = opts.logger.child({ component: 'kafkajs' });
  return new Kafka({
    clientId: opts.clientId,
    brokers: parseBrokers(opts.brokers),
    logLevel: KafkaLogLevel.WARN,
    logCreator:
      () =>
      ({ level, log: entry }: LogEntry) => {
        const { message, ...rest } = entry;
        // Our producers retry a bounded number of times and the outbox re-sends after a failure:
        // delivery is at least once by design (ADR 0004), which is what this warning is about.
        if (message === 'Limiting retries for the idempotent producer may invalidate EoS guarantees') return;
        log[levels[level] ?? 'info'](rest, message);
      },
    retry: { initialRetryTime: 200, retries: 10 },
  });
}

/**
 * Retention, set explicitly rather than left to the broker's default (7 days, which would lose the
 * log analytics replays from). A domain topic keeps every event: it is the record a new consumer,
 * or a full replay, reads from, and it can keep it because a person appears in it only as a
 * pseudonym the beneficiaries service forgets on erasure (ADR 0014). A dead-letter topic keeps a
 * record for an operator to look at, then lets it go.
 */
export const DOMAIN_TOPIC_CONFIG = Object.freeze({ 'cleanup.policy': 'delete', 'retention.ms': '-1', 'retention.bytes': '-1' });
export const DEAD_LETTER_RETENTION_DAYS = 30;
export const DEAD_LETTER_TOPIC_CONFIG = Object.freeze({ 'cleanup.policy': 'delete', 'retention.ms': String(DEAD_LETTER_RETENTION_DAYS * 86_400_000), 'retention.bytes': '-1' });

const entries = (config: Readonly<Record<string, string>>) => Object.entries(config).map(([name, value]) => ({ name, value }));

/** A domain topic (`meic.<service>.v1`) with its retention. */
export function domainTopic(topic: string, numPartitions: number): ITopicConfig {
  return { topic, numPartitions, configEntries: entries(DOMAIN_TOPIC_CONFIG) };
}

/** A consumer group's dead-letter topic with its retention. */
export function deadLetterTopicConfig(topic: string): ITopicConfig {
  return { topic, numPartitions: 1, configEntries: entries(DEAD_LETTER_TOPIC_CONFIG) };
}

/**
 * Creates topics that do not exist yet; safe to call from several processes at once. A topic that
 * exists gets the configuration given here where it differs (retention made explicit on a topic
 * created before it was).
 */
export async function ensureTopics(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    try {
      await admin.createTopics({ topics: missing, waitForLeaders: true });
    } catch (e) {
      // Another process may have created it between listTopics and createTopics.
      const again = new Set(await admin.listTopics());
      if (!missing.every((t) => again.has(t.topic))) throw e;
    }
  }
  const configured = topics.filter((t) => existing.has(t.topic) && (t.configEntries?.length ?? 0) > 0);
  if (configured.length === 0) return;
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: configured.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic, configNames: (t.configEntries ?? []).map((c) => c.name) })),
  });
  const stale = configured.filter((t) => {
    const actual = described.resources.find((r) => r.resourceName === t.topic)?.configEntries ?? [];
    return (t.configEntries ?? []).some((c) => actual.find((a) => a.configName === c.name)?.configValue !== c.value);
  });
  if (stale.length > 0) await admin.alterConfigs({ validateOnly: false, resources: stale.map((t) => ({ type: ConfigResourceTypes.TOPIC, name: t.topic, configEntries: t.configEntries ?? [] })) });
}
