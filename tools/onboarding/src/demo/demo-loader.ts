import type { ApiClient } from '../api/api-client';
import { createProgress } from '../progress/progress';
import { countOutcome, createRecordWriter, type RecordWriter } from '../records/record-writer';
import { runInPool } from '../records/run-in-pool';
import { applySiteDefinition } from '../site-file/site-apply';
import type { DemoPerson, DemoProgramme } from './demo-generator';

export interface DemoLoadOptions {
  out: NodeJS.WritableStream;
  interactive: boolean;
  /** People written at the same time; each person's records stay in order. */
  concurrency?: number;
  /** Stop early (Ctrl-C): people already started finish their current record. */
  signal?: AbortSignal;
}

export interface DemoLoadReport {
  sites: number;
  people: number;
  records: { created: number; unchanged: number; rejected: number };
  /** The first rejections, for the log: record type, site, ref and the reasons (no personal data). */
  rejections: string[];
  sitesMs: number;
  peopleMs: number;
  aborted: boolean;
}

const MAX_REJECTIONS_KEPT = 20;

/**
 * Loads a generated programme through the public APIs, as a service team would: every site file
 * applied with site:add's own code, then every person's records with the importer's own writer,
 * person by person so that each pathway receives its facts together (see the pathway's catch-up
 * grace). Re-running it after an interruption writes only what is missing.
 */
export async function loadDemoProgramme(client: ApiClient, programme: DemoProgramme, options: DemoLoadOptions): Promise<DemoLoadReport> {
  const { out, interactive, signal } = options;
  const aborted = () => signal?.aborted ?? false;
  const concurrency = options.concurrency ?? 12;
  const report: DemoLoadReport = { sites: programme.sites.length, people: programme.people.length, records: { created: 0, unchanged: 0, rejected: 0 }, rejections: [], sitesMs: 0, peopleMs: 0, aborted: false };

  const sitesStarted = Date.now();
  const siteProgress = createProgress('demo sites  ', programme.sites.length, out, interactive);
  await runInPool(programme.sites, 3, async (definition) => {
    await applySiteDefinition(client, definition);
    siteProgress.increment();
  }, aborted);
  siteProgress.stop();
  report.sitesMs = Date.now() - sitesStarted;
  if (signal?.aborted) return { ...report, aborted: true };

  const writers = new Map<string, RecordWriter>();
  const writerFor = (siteCode: string) => {
    let writer = writers.get(siteCode);
    if (!writer) {
      writer = createRecordWriter(client, siteCode);
      writers.set(siteCode, writer);
    }
    return writer;
  };

  const peopleStarted = Date.now();
  const progress = createProgress('demo people ', programme.people.length, out, interactive);
  // Interleave sites so that every site fills from the start rather than one after the other.
  await runInPool(interleaveBySite(programme.people), concurrency, async (person) => {
    const writer = writerFor(person.siteCode);
    for (const record of person.records) {
      if (signal?.aborted) return;
      const outcome = countOutcome(report.records, await writer.write(record.type, record.row));
      if (outcome.status === 'rejected' && report.rejections.length < MAX_REJECTIONS_KEPT) {
        report.rejections.push(`${person.siteCode} ${person.ref} ${record.type}: ${outcome.errors.map((e) => `${e.column}: ${e.reason}`).join('; ')}`);
      }
    }
    progress.increment();
  }, aborted);
  progress.stop();
  report.peopleMs = Date.now() - peopleStarted;
  report.aborted = signal?.aborted ?? false;
  return report;
}

/** Round-robin over sites, each site's people in their own order. */
export function interleaveBySite(people: readonly DemoPerson[]): DemoPerson[] {
  const bySite = new Map<string, DemoPerson[]>();
  for (const p of people) {
    const list = bySite.get(p.siteCode) ?? [];
    list.push(p);
    bySite.set(p.siteCode, list);
  }
  const queues = [...bySite.values()];
  const out: DemoPerson[] = [];
  for (let i = 0; out.length < people.length; i += 1) {
    for (const q of queues) {
      const p = q[i];
      if (p) out.push(p);
    }
  }
  return out;
}

/**
 * The same programme under other site codes (tests: a shared Kafka carries every test's events,
 * so each test's sites must be its own). Rows refer to people, courses and organisations, never to
 * sites, so only the definitions and the people's site codes change.
 */
export function withSiteCodes(programme: DemoProgramme, rename: (code: string) => string): DemoProgramme {
  return {
    ...programme,
    sites: programme.sites.map((s) => ({ ...s, site: { ...s.site, code: rename(s.site.code) } })),
    people: programme.people.map((p) => ({ ...p, siteCode: rename(p.siteCode) })),
  };
}
