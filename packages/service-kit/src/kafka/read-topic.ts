import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';

export interface TopicRecord {
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
}

/**
 * Reads a topic from its beginning to the end it had when the call began, record by record, with
 * a consumer group of its own that is deleted afterwards (no service's offsets move). For the
 * rare reads of a whole log: re-applying erasures after a restore.
 */
export async function readTopicToEnd(kafka: Kafka, topic: string, onRecord: (r: TopicRecord) => void | Promise<void>, opts: { timeoutMs?: number } = {}): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `read-${topic}-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  try {
    const ends = new Map((await admin.fetchTopicOffsets(topic)).filter((p) => BigInt(p.high) > BigInt(p.low)).map((p) => [p.partition, BigInt(p.high)]));
    if (ends.size === 0) return 0;
    let read = 0;
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${topic} not read to its end within ${opts.timeoutMs ?? 120_000} ms`)), opts.timeoutMs ?? 120_000);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ partition, message }) => {
            const end = ends.get(partition);
            if (end === undefined) return;
            if (BigInt(message.offset) < end) {
              await onRecord({ key: message.key, value: message.value, headers: message.headers ?? {} });
              read++;
            }
            if (BigInt(message.offset) + 1n >= end) ends.delete(partition);
            if (ends.size === 0) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch((e: unknown) => {
          clearTimeout(timer);
          reject(e instanceof Error ? e : new Error(String(e)));
        });
    });
    return read;
  } finally {
    await consumer.disconnect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
