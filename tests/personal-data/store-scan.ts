/**
 * Readers of every store the platform writes, each record handed to the detector: PostgreSQL
 * (every table of every service database, row by row), Kafka (every topic, dead letters
 * included, read with kcat), ClickHouse (every table), Temporal (every workflow history of the
 * namespace, through the SDK), and lines of text (service logs, exports).
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Client as TemporalClient } from '@temporalio/client';
import { temporalHistoryText } from '@meic/testing';
import { Client } from 'pg';
import type { Hit, HitKind, PersonalDataDetector } from './personal-data-detector';

export interface Finding extends Hit {
  store: string;
  where: string;
  excerpt: string;
}

export interface StoreScan {
  store: string;
  /** What was read, for the printed summary: "12 tables, 40,211 rows". */
  scanned: string;
  findings: Finding[];
}

/** Hits a table may hold by design: the tombstone holds erased ids; outboxes, published events (pseudonyms no one can link). */
export interface TableRule {
  skip?: string;
  allow?: HitKind[];
  pseudonymsUnlinked?: boolean;
}

const excerptOf = (text: string, value: string) => {
  const at = text.toLowerCase().indexOf(value.toLowerCase());
  return text.slice(Math.max(0, at - 80), at + value.length + 80);
};

function collect(findings: Finding[], detector: PersonalDataDetector, store: string, where: string, text: string, rule: TableRule = {}): void {
  for (const hit of detector.inspect(text, { pseudonymsUnlinked: rule.pseudonymsUnlinked ?? false })) {
    if (rule.allow?.includes(hit.kind)) continue;
    findings.push({ ...hit, store, where, excerpt: excerptOf(text, hit.value) });
  }
}

export async function scanPostgres(detector: PersonalDataDetector, name: string, url: string, rules: Record<string, TableRule>): Promise<StoreScan> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  const findings: Finding[] = [];
  let rows = 0;
  const skipped: string[] = [];
  try {
    const tables = (await pg.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.t);
    for (const t of tables) {
      const rule = rules[t] ?? {};
      if (rule.skip) {
        skipped.push(`${t} (${rule.skip})`);
        continue;
      }
      const result = await pg.query<{ r: string }>(`SELECT row_to_json(x)::text AS r FROM "${t}" x`);
      rows += result.rows.length;
      for (const { r } of result.rows) collect(findings, detector, `postgres ${name}`, t, r, rule);
    }
    return { store: `postgres ${name}`, scanned: `${tables.length - skipped.length} tables, ${rows} rows${skipped.length ? `; not read: ${skipped.join(', ')}` : ''}`, findings };
  } finally {
    await pg.end();
  }
}

/** Every line kcat prints for a command; fails loudly when kcat does. */
async function kcatLines(kcat: string, args: string[], onLine: (line: string) => void): Promise<void> {
  const child = spawn(kcat, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number>((ok, fail) => {
    child.on('error', fail);
    child.on('close', (code) => ok(code ?? 1));
  });
  for await (const line of createInterface({ input: child.stdout })) onLine(line);
  const code = await exited;
  if (code !== 0) throw new Error(`kcat ${args.join(' ')} exited ${code}: ${err}`);
}

export async function scanKafka(detector: PersonalDataDetector, kcat: string, brokers: string): Promise<StoreScan> {
  let metadata = '';
  await kcatLines(kcat, ['-b', brokers, '-L', '-J'], (l) => (metadata += l));
  const topics = (JSON.parse(metadata) as { topics: { topic: string }[] }).topics.map((t) => t.topic).filter((t) => !t.startsWith('__')).sort();
  const findings: Finding[] = [];
  let messages = 0;
  for (const topic of topics) {
    // Key, headers and value of every message: one line each (values are single-line JSON).
    await kcatLines(kcat, ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%k\t%h\t%s\n'], (line) => {
      if (!line) return;
      messages++;
      collect(findings, detector, 'kafka', topic, line, { pseudonymsUnlinked: true });
    });
  }
  const dlq = topics.filter((t) => /dlq|dead/i.test(t)).length;
  return { store: 'kafka', scanned: `${topics.length} topics (${dlq} dead-letter), ${messages} messages`, findings };
}

export async function scanClickHouse(detector: PersonalDataDetector, query: (sql: string) => Promise<Record<string, unknown>[]>): Promise<StoreScan> {
  // Materialised views keep their rows in the tables they write to, which are read here.
  const tables = await query(`SELECT database, name FROM system.tables WHERE database NOT IN ('system', 'INFORMATION_SCHEMA', 'information_schema') AND engine NOT IN ('View', 'MaterializedView') ORDER BY database, name`);
  const findings: Finding[] = [];
  let rows = 0;
  for (const t of tables) {
    const name = `${String(t['database'])}.${String(t['name'])}`;
    for (const row of await query(`SELECT * FROM \`${String(t['database'])}\`.\`${String(t['name'])}\``)) {
      rows++;
      collect(findings, detector, 'clickhouse', name, JSON.stringify(row), { pseudonymsUnlinked: true });
    }
  }
  return { store: 'clickhouse', scanned: `${tables.length} tables, ${rows} rows`, findings };
}

export async function scanTemporal(detector: PersonalDataDetector, client: TemporalClient): Promise<StoreScan> {
  const findings: Finding[] = [];
  let workflows = 0;
  let events = 0;
  for await (const wf of client.workflow.list()) {
    const history = await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory();
    workflows++;
    events += history.events?.length ?? 0;
    collect(findings, detector, 'temporal', `${wf.type} ${wf.workflowId}`, temporalHistoryText(history));
  }
  return { store: 'temporal', scanned: `${workflows} workflow histories, ${events} events`, findings };
}

export function scanLines(detector: PersonalDataDetector, store: string, what: string, text: string): StoreScan {
  const findings: Finding[] = [];
  const lines = text.split('\n').filter(Boolean);
  lines.forEach((line, i) => collect(findings, detector, store, `line ${i + 1}`, line));
  return { store, scanned: `${lines.length} ${what}`, findings };
}

/** The printed summary: what each store scan read and found. */
export function report(scans: readonly StoreScan[]): string {
  return scans
    .map((s) => {
      const hits = s.findings.length;
      const first = s.findings.slice(0, 3).map((f) => `\n      ${f.kind} ${f.value} in ${f.where}: …${f.excerpt}…`).join('');
      return `  ${s.store.padEnd(24)} ${s.scanned} → ${hits} hit${hits === 1 ? '' : 's'}${first}`;
    })
    .join('\n');
}
