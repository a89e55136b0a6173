// Ingest health (GET /v1/ingest/status): lag, events stored and dead letters per topic and partition.
import type { AnalyticsPaths, ResponseOf } from '@meic/api-clients';
import { getAnalytics } from './http';

export type IngestStatusResponse = ResponseOf<AnalyticsPaths, '/v1/ingest/status'>;
export type TopicStatus = IngestStatusResponse['topics'][number];
export type PartitionStatus = TopicStatus['partitions'][number];

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
  return getAnalytics('/v1/ingest/status', { token, signal });
}
