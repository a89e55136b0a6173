/**
 * The topic registry: one topic per producing service. Consumers never invent topic names;
 * they take them from here, so a rename is a compile error rather than a silent split.
 */
export const TOPICS = {
  stakeholders: 'meic.stakeholders.v1',
  trainings: 'meic.trainings.v1',
  beneficiaries: 'meic.beneficiaries.v1',
} as const;

export type TopicKey = keyof typeof TOPICS;
export type TopicName = (typeof TOPICS)[TopicKey];

export const ALL_TOPICS: readonly TopicName[] = Object.values(TOPICS);

/** Each consumer group dead-letters into its own topic, so one group's poison does not block another's replay. */
export function deadLetterTopic(topic: string, group: string): string {
  return `${topic}.dlq.${group}`;
}

/** The CloudEvents `source` of each producing service. */
export const SOURCES = {
  stakeholders: '/meic/stakeholders',
  trainings: '/meic/trainings',
  beneficiaries: '/meic/beneficiaries',
} as const satisfies Record<TopicKey, string>;
