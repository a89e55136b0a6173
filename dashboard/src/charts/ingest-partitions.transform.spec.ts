import { eventTimeIso, type IngestStatusResponse } from '@/api/ingest';
import { toCsv } from './data-table';
import { describeIngest, ingestPartitionRows, ingestTable, transformProps, type IngestLabels } from './ingest-partitions.transform';

// Cut down from a real /v1/ingest/status answer, with lag and a dead letter on one partition.
const response: IngestStatusResponse = {
  group: 'analytics',
  batchSize: 1000,
  flushMs: 500,
  lag: 12,
  eventsStored: 41264,
  lastEventTime: '2026-11-24 14:24:41.304',
  deadLettered: 1,
  topics: [
    {
      topic: 'meic.stakeholders.v1',
      deadLetterTopic: 'meic.stakeholders.v1.dlq.analytics',
      lag: 0,
      eventsStored: 429,
      lastEventTime: '2026-11-24 13:42:56.950',
      deadLettered: 0,
      partitions: [
        { partition: 1, committedOffset: 221, highWatermark: 221, lag: 0, eventsStored: 221, lastEventTime: '2026-11-24 13:42:50.303', deadLettered: 0 },
        { partition: 0, committedOffset: 208, highWatermark: 208, lag: 0, eventsStored: 208, lastEventTime: '2026-11-24 13:42:46.221', deadLettered: 0 },
      ],
    },
    {
      topic: 'meic.beneficiaries.v1',
      deadLetterTopic: 'meic.beneficiaries.v1.dlq.analytics',
      lag: 12,
      eventsStored: 4744,
      lastEventTime: '2026-11-24 14:24:41.304',
      deadLettered: 1,
      partitions: [{ partition: 0, committedOffset: 4732, highWatermark: 4744, lag: 12, eventsStored: 4744, lastEventTime: '2026-11-24 14:24:41.304', deadLettered: 1 }],
    },
  ],
};

const labels: IngestLabels = {
  eventsStored: 'Events stored',
  lag: 'Lag',
  deadLettered: 'Dead-lettered',
  topic: 'Topic',
  partition: 'Partition',
  committedOffset: 'Committed offset',
  highWatermark: 'High watermark',
  lastEventTime: 'Last event (UTC)',
  caption: 'Per partition',
  partitionLabel: (topic, p) => `${topic} · partition ${p}`,
};

type Series = { id: string; data: number[] };
const byId = (o: ReturnType<typeof transformProps>, id: string): Series => {
  const s = (o.series as unknown as Series[]).find((x) => x.id === id);
  if (!s) throw new Error(`no series ${id}`);
  return s;
};

describe('eventTimeIso', () => {
  it('reads the service’s zone-less times as UTC', () => {
    expect(eventTimeIso('2026-11-24 14:24:41.304')).toBe('2026-11-24T14:24:41.304Z');
    expect(eventTimeIso(null)).toBeNull();
  });
});

describe('ingest partitions transformProps', () => {
  it('has one bar per partition, topics in API order and partitions in number order', () => {
    const option = transformProps(response, { labels });
    expect((option.yAxis as { data: string[] }).data).toEqual([
      'meic.stakeholders.v1 · partition 0',
      'meic.stakeholders.v1 · partition 1',
      'meic.beneficiaries.v1 · partition 0',
    ]);
    expect(byId(option, 'eventsStored').data).toEqual([208, 221, 4744]);
    expect(byId(option, 'lag').data).toEqual([0, 0, 12]);
  });

  it('labels a lagging partition with its lag in words, not colour only', () => {
    const option = transformProps(response, { labels, formatNumber: (n) => n.toLocaleString('en-GB') });
    const lag = (option.series as unknown as { id: string; label: { formatter: (p: { dataIndex: number }) => string } }[]).find((s) => s.id === 'lag');
    expect(lag?.label.formatter({ dataIndex: 2 })).toBe('4,744 · Lag 12');
    expect(lag?.label.formatter({ dataIndex: 0 })).toBe('208');
  });
});

describe('ingestTable and describeIngest', () => {
  const rows = ingestPartitionRows(response, labels);
  it('holds offsets, dead letters and UTC times per partition for the CSV', () => {
    const csv = toCsv(ingestTable(rows, labels), { suppressed: 'suppressed', ciLow: (l) => l, ciHigh: (l) => l }).split('\r\n');
    expect(csv[0]).toBe('Topic,Partition,Events stored,Lag,Dead-lettered,Committed offset,High watermark,Last event (UTC)');
    expect(csv).toContain('meic.beneficiaries.v1,0,4744,12,1,4732,4744,2026-11-24T14:24:41.304Z');
  });
  it('reads a lagging partition first', () => {
    const text = describeIngest(rows, { overall: (v) => `${v.n} partitions. ${v.details}`, row: (v) => `${v.partition}: lag ${v.lag}, ${v.dead} dead.` }, String);
    expect(text.startsWith('3 partitions. meic.beneficiaries.v1 · partition 0: lag 12, 1 dead.')).toBe(true);
  });
});
