import { Kafka, logLevel as KafkaLogLevel, type Admin, type ITopicConfig, type LogEntry } from 'kafkajs';
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

/** Creates topics that do not exist yet; safe to call from several processes at once. */
export async function ensureTopics(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.topic));
  if (missing.length === 0) return;
  try {
    await admin.createTopics({ topics: missing, waitForLeaders: true });
  } catch (e) {
    // Another process may have created it between listTopics and createTopics.
    const again = new Set(await admin.listTopics());
    if (!missing.every((t) => again.has(t.topic))) throw e;
  }
}
