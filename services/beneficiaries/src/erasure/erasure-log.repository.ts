import { Inject, Injectable } from '@nestjs/common';
import { fromKafkaRecord, TOPICS, type CloudEvent } from '@meic/contracts';
import { KAFKA, readTopicToEnd } from '@meic/service-kit';
import type { Kafka } from 'kafkajs';

const ERASED = 'meic.beneficiary.erased.v2';

/**
 * The erasures Kafka keeps (every meic.beneficiary.erased event: pseudonyms only), the tombstone
 * list that outlives a restore of this database, since the topic keeps every event (ADR 0015).
 */
@Injectable()
export class ErasureLogRepository {
  constructor(@Inject(KAFKA) private readonly kafka: Kafka) {}

  async erasedPseudonyms(): Promise<Set<string>> {
    const pseudonyms = new Set<string>();
    await readTopicToEnd(this.kafka, TOPICS.beneficiaries, ({ value, headers }) => {
      if (headers['ce_type']?.toString() !== ERASED) return;
      const parsed = fromKafkaRecord({ value, headers });
      if (parsed.ok) pseudonyms.add((parsed.event as CloudEvent<typeof ERASED>).data.pseudonym);
    });
    return pseudonyms;
  }
}
