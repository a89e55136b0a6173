// Ingest health (GET /v1/ingest/status): lag, events stored and dead letters per topic and
// partition. Types, the response check and the fetch.
import { getAnalytics } from './http';
import { obj, ResponseShapeError } from './validate';

export interface PartitionStatus {
  partition: number;
  /** Next offset the group will read; null before its first commit. */
  committedOffset: number | null;
  highWatermark: number;
  lag: number;
  eventsStored: number;
  lastEventTime: string | null;
  deadLettered: number;
}

export interface TopicStatus {
  topic: string;
  deadLetterTopic: string;
  lag: number;
  eventsStored: number;
  lastEventTime: string | null;
  deadLettered: number;
  partitions: PartitionStatus[];
}

export interface IngestStatusResponse {
  group: string;
  batchSize: number;
  flushMs: number;
  lag: number;
  eventsStored: number;
  lastEventTime: string | null;
  deadLettered: number;
  topics: TopicStatus[];
}

type Obj = Record<string, unknown>;

function int(o: Obj, k: string, path: string): number {
  const v = o[k];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ResponseShapeError(`${path}.${k}`);
  return v;
}
function str(o: Obj, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new ResponseShapeError(`${path}.${k}`);
  return v;
}
function strOrNull(o: Obj, k: string, path: string): string | null {
  const v = o[k] ?? null;
  if (v !== null && typeof v !== 'string') throw new ResponseShapeError(`${path}.${k}`);
  return v;
}

function partition(v: unknown, path: string): PartitionStatus {
  const o = obj(v, path);
  const committed = o.committedOffset ?? null;
  if (committed !== null && (typeof committed !== 'number' || !Number.isFinite(committed))) throw new ResponseShapeError(`${path}.committedOffset`);
  return {
    partition: int(o, 'partition', path),
    committedOffset: committed,
    highWatermark: int(o, 'highWatermark', path),
    lag: int(o, 'lag', path),
    eventsStored: int(o, 'eventsStored', path),
    lastEventTime: strOrNull(o, 'lastEventTime', path),
    deadLettered: int(o, 'deadLettered', path),
  };
}

function topic(v: unknown, path: string): TopicStatus {
  const o = obj(v, path);
  if (!Array.isArray(o.partitions)) throw new ResponseShapeError(`${path}.partitions`);
  return {
    topic: str(o, 'topic', path),
    deadLetterTopic: str(o, 'deadLetterTopic', path),
    lag: int(o, 'lag', path),
    eventsStored: int(o, 'eventsStored', path),
    lastEventTime: strOrNull(o, 'lastEventTime', path),
    deadLettered: int(o, 'deadLettered', path),
    partitions: o.partitions.map((p, i) => partition(p, `${path}.partitions[${i}]`)),
  };
}

export function parseIngestStatusResponse(body: unknown): IngestStatusResponse {
  const o = obj(body, '$');
  if (!Array.isArray(o.topics)) throw new ResponseShapeError('$.topics');
  return {
    group: str(o, 'group', '$'),
    batchSize: int(o, 'batchSize', '$'),
    flushMs: int(o, 'flushMs', '$'),
    lag: int(o, 'lag', '$'),
    eventsStored: int(o, 'eventsStored', '$'),
    lastEventTime: strOrNull(o, 'lastEventTime', '$'),
    deadLettered: int(o, 'deadLettered', '$'),
    topics: o.topics.map((t, i) => topic(t, `$.topics[${i}]`)),
  };
}

/**
 * The service writes event times as ClickHouse prints them ("2026-11-24 14:24:41.304",
 * UTC, no zone): made into ISO so that the browser does not read them as local time.
 */
export function eventTimeIso(value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return value;
  return `${m[1]}T${m[2]}${m[3] ?? 'Z'}`;
}

export function fetchIngestStatus(token: string, signal?: AbortSignal): Promise<IngestStatusResponse> {
  return getAnalytics('/v1/ingest/status', parseIngestStatusResponse, { token, signal });
}
