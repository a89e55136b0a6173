import { Type, type Static } from '@sinclair/typebox';

const NullableString = Type.Union([Type.String(), Type.Null()]);

export const PartitionStatus = Type.Object({
  partition: Type.Integer(),
  committedOffset: Type.Union([Type.Integer(), Type.Null()], { description: 'Next offset the group will read; null before its first commit' }),
  highWatermark: Type.Integer(),
  lag: Type.Integer({ description: 'Records on the partition not yet stored and committed' }),
  eventsStored: Type.Integer({ description: 'Distinct events (by CloudEvents id) stored from this partition' }),
  lastEventTime: NullableString,
  deadLettered: Type.Integer(),
});

export const TopicStatus = Type.Object({
  topic: Type.String(),
  deadLetterTopic: Type.String(),
  lag: Type.Integer(),
  eventsStored: Type.Integer(),
  lastEventTime: NullableString,
  deadLettered: Type.Integer(),
  partitions: Type.Array(PartitionStatus),
});

export const IngestStatusResponse = Type.Object({
  group: Type.String(),
  batchSize: Type.Integer(),
  flushMs: Type.Integer(),
  lag: Type.Integer(),
  eventsStored: Type.Integer(),
  lastEventTime: NullableString,
  deadLettered: Type.Integer(),
  topics: Type.Array(TopicStatus),
});

export type PartitionStatus = Static<typeof PartitionStatus>;
export type TopicStatus = Static<typeof TopicStatus>;
export type IngestStatusResponse = Static<typeof IngestStatusResponse>;
