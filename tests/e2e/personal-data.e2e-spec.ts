import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { pseudonymOf } from '@meic/analytics/exports/export-pseudonym';
import { ensureServiceBuilt, freePort, pollUntil, randomName, serviceTestEnv, signTestToken, testServiceToken, testStack } from '@meic/testing';
import type { ApiClient } from '@meic/onboarding/api/api-client';
import { generateDemoProgramme, type DemoPerson, type DemoProgramme } from '@meic/onboarding/demo/demo-generator';
import { loadDemoProgramme, withSiteCodes } from '@meic/onboarding/demo/demo-loader';
import { captured } from '@meic/onboarding/testing/cli-capture';
import { startStack, type StackHarness } from '@meic/onboarding/testing/stack-harness';
import { PersonalDataDetector, type PersonTruth } from '../personal-data/personal-data-detector';
import { report, scanClickHouse, scanKafka, scanLines, scanPostgres, scanTemporal, type StoreScan, type TableRule } from '../personal-data/store-scan';

/**
 * The proof of issue 16: the demo programme through every service, then 50 people erased and 20
 * withdrawing their consent to evaluation follow-up; then every store is read in full for any
 * personal value of anyone and any trace of the erased: every table of the three service
 * databases, every Kafka topic (dead letters too) with kcat, every ClickHouse table, every
 * workflow history in Temporal, the services' logs and an evaluator's export. It finds nothing,
 * and it finds what is planted. A fresh analytics service replaying every topic then counts as the
 * live one does. MEIC_SCAN_SCALE sets the programme's scale (0.2 of the demo's
 * ~5,000 people here; `npm run scan:personal-data` runs the whole demo).
 */
const SCALE = Number(process.env['MEIC_SCAN_SCALE'] ?? '0.2');
const SEED = 2026;
const ERASED = 50;
const WITHDRAWN = 20;
/** Loading and scanning grow with the programme: the whole demo takes about five times 0.2's time. */
const LONG = Math.max(1, SCALE / 0.2) * 1_200_000;
const EXPORT_KEY = 'personal-data-scan-export-key-0123456789';
const OUT = join(__dirname, '..', '..', 'test-artifacts', `personal-data-scan-${SCALE}.txt`);
const today = new Date().toISOString().slice(0, 10);
/** Trainings and stakeholders keep erased pseudonyms as tombstones, and in the events they published. */
const PEER_RULES: Record<string, TableRule> = { erased_people: { pseudonymsUnlinked: true }, outbox_events: { pseudonymsUnlinked: true } };

interface Person extends PersonTruth {
  siteCode: string;
  placed: boolean;
  records: number;
}

/** The truth: the demo rows' personal fields, with the id and pseudonym the platform gave each person. */
async function truthOf(programme: DemoProgramme, beneficiariesDb: string): Promise<Person[]> {
  const pg = new Client({ connectionString: beneficiariesDb });
  await pg.connect();
  try {
    const { rows } = await pg.query<{ id: string; pseudonym: string; site_code: string; ref: string }>('SELECT id, pseudonym, site_code, ref FROM beneficiaries');
    const byRef = new Map(rows.map((r) => [`${r.site_code}/${r.ref}`, r]));
    return programme.people.map((p: DemoPerson) => {
      const row = p.records[0]?.row ?? {};
      const held = byRef.get(`${p.siteCode}/${p.ref}`);
      if (!held) throw new Error(`${p.siteCode}/${p.ref} is not in the beneficiaries database`);
      return {
        id: held.id,
        pseudonym: held.pseudonym,
        siteCode: p.siteCode,
        givenName: row['person.givenName'] ?? '',
        familyName: row['person.familyName'] ?? '',
        birthDate: row['person.birthDate'] ?? '',
        ...(row['person.phone'] ? { phone: row['person.phone'] } : {}),
        ...(row['person.email'] ? { email: row['person.email'] } : {}),
        placed: p.records.some((r) => r.type === 'placements'),
        records: p.records.length,
      };
    });
  } finally {
    await pg.end();
  }
}

async function sql<T>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const pg = new Client({ connectionString: url });
  await pg.connect();
  try {
    return (await pg.query(text, params)).rows as T[];
  } finally {
    await pg.end();
  }
}

describe('personal data: erasure and consent reach every store', () => {
  let stack: StackHarness;
  let temporal: { connection: Connection; client: TemporalClient };
  let people: Person[];
  let erased: Person[];
  let withdrawn: Person[];
  let detector: PersonalDataDetector;
  let admin: ApiClient;
  const logs = captured();
  const figures: string[] = [];

  /** The pseudonymous ids of `who` in an evaluator's participants extract, taken now. */
  const exportedPids = (who: readonly Person[]) => exportedPidsAt(stack.urls.analytics, who);
  async function exportedPidsAt(analytics: string, who: readonly Person[]): Promise<{ present: Person[]; lines: string; rows: number }> {
    const token = await signTestToken({ role: 'evaluator', sub: 'scan-evaluator' });
    const res = await fetch(`${analytics}/v1/exports/participants.csv`, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`export: ${res.status} ${await res.text()}`);
    const extract = res.headers.get('x-extract-id') ?? '';
    const lines = await res.text();
    const pids = new Set(lines.split('\n').slice(1).map((l) => l.split(',')[0]?.replaceAll('"', '')));
    return { present: who.filter((p) => pids.has(pseudonymOf(EXPORT_KEY, `${extract}${p.pseudonym}`))), lines, rows: pids.size };
  }

  beforeAll(async () => {
    const t0 = Date.now();
    stack = await startStack({ analytics: true, pathways: { catchUpGraceSeconds: 0 }, logs: logs.stream, exportPseudonymKey: EXPORT_KEY });
    const connection = await Connection.connect({ address: testStack().temporalAddress });
    temporal = { connection, client: new TemporalClient({ connection, namespace: testStack().temporalNamespace }) };
    admin = await stack.client({ sub: 'scan-admin' });
    // Site codes of its own: the dashboard's tests load the demo into the same topics.
    const suffix = randomBytes(2).toString('hex').toUpperCase();
    const programme = withSiteCodes(generateDemoProgramme({ seed: SEED, referenceDate: today, scale: SCALE }), (code) => `${code}${suffix}`);
    const loaded = await loadDemoProgramme(admin, programme, { out: captured().stream, interactive: false });
    if (loaded.records.rejected > 0) throw new Error(`the demo load rejected records: ${JSON.stringify(loaded.rejections.slice(0, 5))}`);
    people = await truthOf(programme, stack.databases.beneficiaries);
    const everySite = await stack.client({ role: 'site_staff', sites: programme.sites.map((s) => s.site.code) });
    await pollUntil('analytics counts every person', async () => {
      const o = await everySite.read<{ totals: { enrolled: { value: number | null } } }>('analytics', '/v1/kpis/overview');
      return o.totals.enrolled.value === people.length ? true : undefined;
    }, { timeoutMs: 300_000, intervalMs: 2_000 });
    figures.push(`programme: scale ${SCALE}, ${programme.sites.length} sites, ${people.length} people, ${loaded.records.created} records, loaded in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  }, LONG);

  afterAll(async () => {
    await temporal?.connection.close();
    await stack?.close();
    mkdirSync(join(OUT, '..'), { recursive: true });
    writeFileSync(OUT, `${figures.join('\n')}\n`);
  });

  it('erases 50 people and honours 20 withdrawals of consent, then finds nothing of anyone in any store', async () => {
    // The 20 withdrawing: people with a follow-up task open first, so that a withdrawal has something
    // to stop (others keep theirs, to show the count can be non-zero), then people in an evaluator's
    // extract, so that leaving it shows. The 50 erased: some from the extract too, then the people
    // with the most records (courses, internships, placements, mentoring: something in every service).
    const openFollowUps = new Set((await sql<{ id: string }>(stack.databases.beneficiaries, `SELECT DISTINCT beneficiary_id AS id FROM tasks WHERE kind = 'follow_up_due' AND status = 'open'`)).map((r) => r.id));
    const inExtract = new Set((await exportedPids(people)).present.map((p) => p.id));
    const pick = (from: readonly Person[], n: number, taken: readonly Person[]) => from.filter((p) => !taken.includes(p)).slice(0, n);
    withdrawn = pick(people.filter((p) => p.placed && openFollowUps.has(p.id)), WITHDRAWN / 2, []);
    withdrawn.push(...pick(people.filter((p) => inExtract.has(p.id) && !openFollowUps.has(p.id)), 5, withdrawn));
    withdrawn.push(...pick(people.filter((p) => p.placed && !openFollowUps.has(p.id)), WITHDRAWN - withdrawn.length, withdrawn));
    const mostRecords = [...people].sort((a, b) => b.records - a.records || a.id.localeCompare(b.id));
    erased = pick(people.filter((p) => inExtract.has(p.id) && !openFollowUps.has(p.id)), 5, withdrawn);
    erased.push(...pick(mostRecords.filter((p) => !openFollowUps.has(p.id)), ERASED - erased.length, [...withdrawn, ...erased]));
    const erasedIds = new Set(erased.map((p) => p.id));
    detector = new PersonalDataDetector(people, erased);
    expect([erased.length, withdrawn.length]).toEqual([ERASED, WITHDRAWN]);
    const before = await exportedPids([...erased, ...withdrawn]);
    figures.push(`before: ${openFollowUps.size} people with a follow-up task open (${withdrawn.filter((p) => openFollowUps.has(p.id)).length} of the 20 withdrawing); ${before.present.length} of the 70 in an evaluator's extract of ${before.rows} rows`);

    const service = await testServiceToken('scan');
    for (const p of withdrawn) {
      const res = await admin.patch('beneficiaries', `/v1/beneficiaries/${p.id}/consent`, { evaluationFollowUp: false, recordedOn: today });
      expect([p.id, res.status]).toEqual([p.id, 200]);
    }
    for (const p of erased) {
      const res = await admin.call('beneficiaries', 'DELETE', `/v1/beneficiaries/${p.id}`);
      expect([p.id, res.status]).toEqual([p.id, 202]);
    }
    await pollUntil('every erasure to complete', async () => {
      const open = await sql<{ n: number }>(stack.databases.beneficiaries, 'SELECT count(*)::int AS n FROM erasures WHERE completed_at IS NULL');
      return open[0]?.n === 0 ? true : undefined;
    }, { timeoutMs: 300_000, intervalMs: 1_000 });
    // Analytics has seen the withdrawals and the erasures.
    const db = stack.clickhouse.database;
    await pollUntil('analytics to know of the withdrawals and erasures', async () => {
      const [c] = await stack.clickhouse.rows(`SELECT countIf(evaluation_follow_up = 0) AS n FROM ${db}.consents FINAL WHERE pseudonym IN (${withdrawn.map((p) => `'${p.pseudonym}'`).join(',')})`);
      const [e] = await stack.clickhouse.rows(`SELECT countIf(erased_on IS NOT NULL) AS n FROM ${db}.participants FINAL WHERE pseudonym IN (${erased.map((p) => `'${p.pseudonym}'`).join(',')})`);
      return Number(c?.['n']) === WITHDRAWN && Number(e?.['n']) === ERASED ? true : undefined;
    }, { timeoutMs: 120_000, intervalMs: 1_000 });
    // The beneficiaries service no longer knows the erased: not even to another service.
    for (const p of erased.slice(0, 5)) expect((await fetch(`${stack.urls.beneficiaries}/v1/beneficiaries/${p.id}/reference`, { headers: { authorization: `Bearer ${service}` } })).status).toBe(404);

    // Consent: no follow-up task for anyone without consent to it, while others have theirs.
    const [tasks] = await sql<{ without: number; with: number }>(
      stack.databases.beneficiaries,
      `SELECT count(*) FILTER (WHERE NOT b.consent_evaluation_follow_up)::int AS without, count(*) FILTER (WHERE b.consent_evaluation_follow_up)::int AS with
         FROM tasks t JOIN beneficiaries b ON b.id = t.beneficiary_id WHERE t.kind = 'follow_up_due' AND t.status = 'open'`,
    );
    figures.push(`follow-up tasks open: ${tasks?.without} for people without consent to follow-up, ${tasks?.with} for the others`);

    // The evaluator's extract: the 70 were in it before (some of them), none of them is now; others still are.
    const after = await exportedPids([...erased, ...withdrawn, ...people.filter((p) => !erasedIds.has(p.id) && !withdrawn.includes(p))]);
    const gone = new Set([...erased, ...withdrawn].map((p) => p.id));
    const stillExported = after.present.filter((p) => gone.has(p.id));
    figures.push(`after: ${stillExported.length} of the 70 in a new extract of ${after.rows} rows (${after.present.length - stillExported.length} others in it)`);

    const beneficiariesRules: Record<string, TableRule> = {
      personal_data: { skip: "the person table: the one place personal data is kept" },
      erasures: { allow: ['erased id'] },
      outbox_events: { pseudonymsUnlinked: true },
    };
    const scans: StoreScan[] = [
      await scanPostgres(detector, 'beneficiaries', stack.databases.beneficiaries, beneficiariesRules),
      await scanPostgres(detector, 'trainings', stack.databases.trainings, PEER_RULES),
      await scanPostgres(detector, 'stakeholders', stack.databases.stakeholders, PEER_RULES),
      await scanKafka(detector, testStack().kcat, testStack().kafkaBrokers),
      await scanClickHouse(detector, stack.clickhouse.rows),
      await scanTemporal(detector, temporal.client),
      scanLines(detector, 'service logs', 'log lines', logs.text()),
      scanLines(detector, 'exports', 'export lines', after.lines),
    ];
    const summary = report(scans);
    figures.push(`scan after erasing ${ERASED} and ${WITHDRAWN} withdrawals of consent:\n${summary}`);
    process.stderr.write(`personal-data scan (scale ${SCALE}):\n${figures.join('\n')}\n`);
    expect(tasks?.without).toBe(0);
    expect(tasks?.with).toBeGreaterThan(0);
    expect(before.present.length).toBeGreaterThan(0);
    expect(stillExported).toEqual([]);
    expect(after.present.length).toBeGreaterThan(0);
    expect(scans.flatMap((s) => s.findings.map((f) => `${f.store} ${f.where}: ${f.kind} ${f.value} …${f.excerpt}…`))).toEqual([]);
  }, LONG);

  it('finds a value planted in each store', async () => {
    const [victim, other] = [erased[0]!, people.find((p) => !erased.includes(p))!];
    const brokers = testStack().kafkaBrokers;
    const topic = 'meic.scan-planted.dlq';
    const kafka = new Kafka({ brokers: brokers.split(','), clientId: 'scan-planter' });
    const kadmin = kafka.admin();
    await kadmin.connect();
    const producer = kafka.producer();
    await producer.connect();
    const planted = { pg: `note about ${victim.id}`, kafka: `{"phone":"+39 06 1234567"}`, clickhouse: `${other.givenName} ${other.familyName}`, temporal: other.birthDate, log: `{"level":30,"msg":"mail to x.y@example.org"}` };
    try {
      await sql(stack.databases.trainings, 'CREATE TABLE scan_planted (note text)');
      await sql(stack.databases.trainings, 'INSERT INTO scan_planted VALUES ($1)', [planted.pg]);
      await kadmin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.send({ topic, messages: [{ value: planted.kafka }] });
      await stack.clickhouse.command(`CREATE TABLE ${stack.clickhouse.database}.scan_planted (note String) ENGINE = MergeTree ORDER BY tuple()`);
      await stack.clickhouse.command(`INSERT INTO ${stack.clickhouse.database}.scan_planted VALUES ('${planted.clickhouse}')`);
      // A workflow no worker runs: its start, with the planted input, is history all the same.
      const handle = await temporal.client.workflow.start('scanPlantedWorkflow', { workflowId: 'scan-planted', taskQueue: 'scan-planted', args: [{ note: planted.temporal }] });
      logs.stream.write(`${planted.log}\n`);

      const scans = [
        await scanPostgres(detector, 'trainings', stack.databases.trainings, PEER_RULES),
        await scanKafka(detector, testStack().kcat, brokers),
        await scanClickHouse(detector, stack.clickhouse.rows),
        await scanTemporal(detector, temporal.client),
        scanLines(detector, 'service logs', 'log lines', logs.text()),
      ];
      const found = scans.flatMap((s) => s.findings.map((f) => `${f.store} ${f.where.split(' ')[0]}: ${f.kind}`));
      figures.push(`planted values found:\n${report(scans)}`);
      expect(found).toEqual(
        expect.arrayContaining([
          'postgres trainings scan_planted: erased id',
          `kafka ${topic}: phone`,
          `clickhouse ${stack.clickhouse.database}.scan_planted: name`,
          'temporal scanPlantedWorkflow: birth date',
          'service logs line: email',
        ]),
      );
      await handle.terminate();
    } finally {
      await sql(stack.databases.trainings, 'DROP TABLE IF EXISTS scan_planted');
      await stack.clickhouse.command(`DROP TABLE IF EXISTS ${stack.clickhouse.database}.scan_planted`);
      await kadmin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await producer.disconnect();
      await kadmin.disconnect();
    }
  }, 600_000);

  it('counts the same after a full replay of the topics into a fresh analytics service', async () => {
    // The built service as its own process (one chdb per process), on a new data directory and
    // consumer group: it reads every topic from the beginning, erasures and withdrawals included.
    const main = ensureServiceBuilt('analytics', 'main.js');
    const dir = mkdtempSync(join(tmpdir(), 'meic-replay-'));
    const port = await freePort();
    let output = '';
    const env = serviceTestEnv({ CHDB_PATH: dir, CLICKHOUSE_DATABASE: 'meic_replay', KAFKA_CONSUMER_GROUP: randomName('analytics-replay'), MEIC_MIN_CELL: '5', EXPORT_PSEUDONYM_KEY: EXPORT_KEY, PORT: String(port), HOST: '127.0.0.1' });
    const child: ChildProcess = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const sites = [...new Set(people.map((p) => p.siteCode))];
      const token = await signTestToken({ role: 'site_staff', sites, sub: 'scan-replay' });
      const overview = async (url: string) => {
        const res = await fetch(`${url}/v1/kpis/overview?groupBy=site`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.ok) return undefined;
        const body = (await res.json()) as { groups: unknown; totals: unknown };
        return JSON.stringify({ groups: body.groups, totals: body.totals });
      };
      const live = await overview(stack.urls.analytics);
      expect(live).toBeDefined();
      const t0 = Date.now();
      await pollUntil('the replay to count as the live service does', async () => ((await overview(`http://127.0.0.1:${port}`).catch(() => undefined)) === live ? true : undefined), { timeoutMs: 300_000, intervalMs: 2_000 }).catch((e: Error) => {
        throw new Error(`${e.message}\nlive: ${live}\nreplay: ${output.slice(-2000)}`);
      });
      // Counted alike, and alike in leaving out the erased and those who withdrew.
      const [erasedCount] = await stack.clickhouse.rows(`SELECT countIf(erased_on IS NOT NULL) AS n FROM ${stack.clickhouse.database}.participants FINAL`);
      figures.push(`replay: a fresh analytics service read every topic from the beginning in ${((Date.now() - t0) / 1000).toFixed(0)} s and counts as the live one does (KPI overview by site, exact); ${String(erasedCount?.['n'])} erased people counted anonymously in both`);
      const replayed = await exportedPidsAt(`http://127.0.0.1:${port}`, [...erased, ...withdrawn]);
      expect(replayed.present).toEqual([]);
      expect(replayed.rows).toBeGreaterThan(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
