// Durability of the pathways: the worker killed with SIGKILL in the middle of its work and
// restarted, and a Temporal server stopped and started again under a running worker. Every
// pathway must end in the stage its facts imply (the pure rules say which), and the database
// must hold exactly one stage-changed event per stage change the workflow made: activities
// replayed or retried after the crash must not publish twice.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runMigrations } from '@meic/service-kit';
import { createTestDatabase, ensureServiceBuilt, freePort, pollUntil, randomName, randomSiteCode, testStack } from '@meic/testing';
import { Client, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { MIGRATIONS_DIR } from '../app';
import { createPathwayWorker, openPathwayPorts } from '../pathway-worker';
import { outboxRows } from '../testing/harness';
import { addDays, DEFAULT_TEMPLATE, stageOf, type PathwayFact } from './pathway.rules';
import { pathwayFactSignal, pathwayStateQuery, pathwayWorkflowId, type PathwayInput, type PathwayState } from './pathway.types';
import type { pathwayWorkflow } from './pathway.workflow';

/** dist/pathway-worker.js, built if older than its sources. */
let workerMain: string;
const STAGE_CHANGED = 'meic.pathway.stage-changed.v2';




const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

// Recent dates, so that no deadline falls due during the test: only stage changes are written.
const ENROLLED_ON = addDays(new Date().toISOString().slice(0, 10), -6);

interface Pathway {
  id: string;
  /** What its events are keyed by. */
  pseudonym: string;
  /** Every fact signalled so far, the input's enrolment included (as the workflow counts it). */
  facts: PathwayFact[];
}

const fact = (kind: 'assessed' | 'course-enrolled' | 'course-completed' | 'placed' | 'dropped-out', day: number): PathwayFact => ({ eventId: randomUUID(), kind, on: addDays(ENROLLED_ON, day) });

/** Mid-way through a pathway: assessed, then enrolled on a course (training). */
const firstFacts = (): PathwayFact[] => [fact('assessed', 1), fact('course-enrolled', 2)];

/** Four endings of the second part, so the pathways diverge: job search, employed, dropped out, still training. */
function laterFacts(i: number): PathwayFact[] {
  switch (i % 4) {
    case 0:
      return [fact('course-completed', 3)];
    case 1:
      return [fact('course-completed', 3), fact('placed', 4)];
    case 2:
      return [fact('dropped-out', 3)];
    default:
      return [];
  }
}

const expectedStage = (p: Pathway) => stageOf(p.facts, DEFAULT_TEMPLATE).stage;

/** A migrated beneficiaries database holding `n` people: activities write only for people it holds. */
async function seedBeneficiaries(pg: PgClient, n: number): Promise<{ siteCode: string; pathways: Pathway[] }> {
  const siteCode = randomSiteCode();
  const ids = Array.from({ length: n }, () => randomUUID());
  const pseudonyms = ids.map(() => randomUUID());
  // The coarse attributes the stage-changed event carries; no personal data is needed here.
  await pg.query(
    `INSERT INTO beneficiaries (id, pseudonym, site_code, country, programme, enrolled_on, sex, age_band, citizenship, legal_status,
       consent_data_processing, consent_evaluation_follow_up, consent_recorded_on, updated_at)
     SELECT id, pseudonym, $3, $4, 'AMIL', $5::date, 'female', '25-29', 'ML', 'refugee', true, true, $5::date, now() FROM unnest($1::uuid[], $2::uuid[]) AS t(id, pseudonym)`,
    [ids, pseudonyms, siteCode, siteCode.slice(0, 2), ENROLLED_ON],
  );
  return { siteCode, pathways: ids.map((id, i) => ({ id, pseudonym: pseudonyms[i] as string, facts: [{ eventId: 'input:enrolled', kind: 'enrolled', on: ENROLLED_ON }] })) };
}

async function startPathways(client: Client, taskQueue: string, siteCode: string, pathways: Pathway[]): Promise<void> {
  await Promise.all(
    pathways.map((p) =>
      client.workflow.start<typeof pathwayWorkflow>('pathwayWorkflow', {
        workflowId: pathwayWorkflowId(p.id),
        taskQueue,
        args: [{ beneficiaryId: p.id, siteCode, enrolledOn: ENROLLED_ON, template: DEFAULT_TEMPLATE } satisfies PathwayInput],
      }),
    ),
  );
}

async function signal(client: Client, p: Pathway, facts: PathwayFact[]): Promise<void> {
  const handle = client.workflow.getHandle(pathwayWorkflowId(p.id));
  for (const f of facts) {
    await handle.signal(pathwayFactSignal, f);
    if (!p.facts.some((x) => x.eventId === f.eventId)) p.facts.push(f);
  }
}

const queryAll = (client: Client, pathways: Pathway[]) => Promise.all(pathways.map((p) => client.workflow.getHandle(pathwayWorkflowId(p.id)).query(pathwayStateQuery)));

/** Polls the workflows' query until every pathway shows the stage its facts imply. */
async function untilEveryStageExpected(client: Client, pathways: Pathway[], what: string, timeoutMs: number): Promise<PathwayState[]> {
  return pollUntil(
    what,
    async () => {
      const states = await queryAll(client, pathways);
      return states.every((s, i) => s.stage === expectedStage(pathways[i] as Pathway)) ? states : undefined;
    },
    { timeoutMs, intervalMs: 250 },
  );
}

/**
 * The database agrees with the workflows: per pathway, one stage-changed event per entry of the
 * workflow's stage history (from → to, on), in order, none twice; and the stage column is the last.
 */
async function expectExactlyOnce(pg: PgClient, pathways: Pathway[], states: PathwayState[]): Promise<number> {
  const rows = await outboxRows(pg, STAGE_CHANGED);
  const mine = new Set(pathways.map((p) => p.id));
  const idOf = new Map(pathways.map((p) => [p.pseudonym, p.id]));
  const actual: Record<string, { from: string | null; to: string; on: string }[]> = {};
  for (const r of rows.filter((row) => idOf.has(row.message_key))) {
    const e = JSON.parse(r.value) as { from: string | null; to: string; occurredOn: string };
    (actual[idOf.get(r.message_key) as string] ??= []).push({ from: e.from, to: e.to, on: e.occurredOn });
  }
  const expected: Record<string, { from: string | null; to: string; on: string }[]> = {};
  states.forEach((s, i) => {
    expected[(pathways[i] as Pathway).id] = s.history.map((h, k) => ({ from: k === 0 ? null : (s.history[k - 1]?.stage ?? null), to: h.stage, on: h.on }));
  });
  expect(actual).toEqual(expected);
  const columns = await pg.query<{ id: string; stage: string }>('SELECT id, stage FROM beneficiaries WHERE id = ANY($1::uuid[])', [[...mine]]);
  expect(Object.fromEntries(columns.rows.map((r) => [r.id, r.stage]))).toEqual(Object.fromEntries(pathways.map((p) => [p.id, expectedStage(p)])));
  return Object.values(actual).reduce((n, a) => n + a.length, 0);
}

describe('pathway durability', () => {
  const stack = testStack();
  let db: { url: string; drop: () => Promise<void> };
  let pg: PgClient;
  const children: ChildProcess[] = [];
  const dirs: string[] = [];
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    workerMain = ensureServiceBuilt('beneficiaries', 'pathway-worker.js');
    db = await createTestDatabase('beneficiaries');
    await runMigrations(db.url, MIGRATIONS_DIR);
    pg = new PgClient({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await Promise.all(children.map(exited));
    await pg?.end();
    await db?.drop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  /** The real worker process (dist/pathway-worker.js), ready once its /readyz says the worker runs. */
  async function startWorkerProcess(taskQueue: string): Promise<{ child: ChildProcess; output: () => string }> {
    const port = await freePort();
    let out = '';
    const env = {
      ...process.env,
      LOG_LEVEL: 'warn',
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: taskQueue,
      DATABASE_URL: db.url,
      HEALTH_PORT: String(port),
      HOST: '127.0.0.1',
    };
    const child = spawn(process.execPath, [workerMain], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    children.push(child);
    // Bundling the workflow code takes a few seconds before the worker polls.
    await pollUntil(`the pathway worker on port ${port} to be ready`, async () => child.exitCode === null && (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, { timeoutMs: 60_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\n${out}`);
    });
    return { child, output: () => out };
  }

  it('SIGKILL of the worker process mid-pathways, facts sent while it is down, a new process: every pathway in its stage, every change published once', async () => {
    const connection = await Connection.connect({ address: stack.temporalAddress });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: stack.temporalNamespace });
    const taskQueue = randomName('pathways-durability');
    const { siteCode, pathways } = await seedBeneficiaries(pg, 20);
    cleanups.push(() => Promise.all(pathways.map((p) => client.workflow.getHandle(pathwayWorkflowId(p.id)).terminate('test over').catch(() => undefined))));

    // Five people's records locked by the test: their pathways' activities block in the
    // database, so the kill is certain to find activities started and not completed.
    const locker = new PgClient({ connectionString: db.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    const locked = pathways.slice(0, 5);
    const free = pathways.slice(5);
    await locker.query('BEGIN');
    await locker.query('SELECT 1 FROM beneficiaries WHERE id = ANY($1::uuid[]) FOR UPDATE', [locked.map((p) => p.id)]);

    const first = await startWorkerProcess(taskQueue);
    await startPathways(client, taskQueue, siteCode, pathways);
    await Promise.all(pathways.map((p) => signal(client, p, firstFacts())));

    await pollUntil(
      'the unlocked pathways to be in training, the locked ones blocked in their activity',
      async () => {
        const { rows } = await pg.query<{ stage: string }>('SELECT stage FROM beneficiaries WHERE id = ANY($1::uuid[])', [free.map((p) => p.id)]);
        const waiting = await pg.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        return rows.every((r) => r.stage === 'training') && (waiting.rows[0]?.n ?? 0) >= locked.length;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    // Half of the second facts reach the worker just before it dies: it is processing them.
    await Promise.all(pathways.slice(0, 10).map((p, i) => signal(client, p, laterFacts(i))));
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(first.child.signalCode).toBe('SIGKILL');
    const rowsAtKill = await outboxRows(pg, STAGE_CHANGED);
    const atKill = rowsAtKill.length;
    // The locked pathways had not got past their first activity: the restarted worker redoes it.
    expect(rowsAtKill.filter((r) => locked.some((p) => p.pseudonym === r.message_key))).toEqual([]);

    await locker.query('ROLLBACK');
    // While no worker runs: the other half of the second facts, and redeliveries of facts the
    // pathways have (same event ids), which must change nothing.
    await Promise.all(pathways.slice(10).map((p, i) => signal(client, p, laterFacts(i + 10))));
    await Promise.all(pathways.slice(0, 4).map((p) => signal(client, p, p.facts.slice(1, 2))));

    const restartedAt = Date.now();
    const second = await startWorkerProcess(taskQueue);
    // In-flight activities of the killed worker are retried after their start-to-close timeout (30 s).
    const states = await untilEveryStageExpected(client, pathways, 'every pathway to reach the stage its facts imply', 75_000);
    const published = await expectExactlyOnce(pg, pathways, states);
    console.log(`worker SIGKILL: ${atKill} stage changes published at the kill, ${published} in the end; recovered in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
    expect(new Set(states.map((s) => s.stage))).toEqual(new Set(['job_search', 'employed', 'dropped_out', 'training']));

    second.child.kill('SIGTERM');
    await exited(second.child);
  });

  it('Temporal server stopped and started again on the same data: the running worker reconnects and the pathways go on', async () => {
    // A private dev server: the shared test stack's must not restart under the other test files.
    const dir = mkdtempSync(join(tmpdir(), 'meic-temporal-'));
    dirs.push(dir);
    const port = await freePort();
    const address = `127.0.0.1:${port}`;
    // The flags of infra/lib/temporal.mjs (without the search attributes, which pathways do not use).
    const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(port), '--headless', '--db-filename', join(dir, 'temporal.db'), '--namespace', stack.temporalNamespace];
    const pragmas = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal', '--log-level', 'warn'];
    let serverOut = '';
    const startServer = async (): Promise<ChildProcess> => {
      const child = spawn(stack.temporalCli, [...args, ...pragmas], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout?.on('data', (d: Buffer) => (serverOut += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (serverOut += d.toString()));
      children.push(child);
      await pollUntil(
        `the private Temporal server on ${address} to serve the namespace`,
        async () => {
          if (child.exitCode !== null) throw new Error(`temporal exited with ${child.exitCode}`);
          const c = await Connection.connect({ address, connectTimeout: 1_000 });
          try {
            await c.workflowService.describeNamespace({ namespace: stack.temporalNamespace });
            return true;
          } finally {
            await c.close();
          }
        },
        { timeoutMs: 60_000, intervalMs: 200 },
      ).catch((e: Error) => {
        throw new Error(`${e.message}\n${serverOut}`);
      });
      return child;
    };

    const server = await startServer();
    const taskQueue = randomName('pathways-restart');
    const database = openPathwayPorts(db.url);
    cleanups.push(() => database.close());
    const { worker, connection: workerConnection } = await createPathwayWorker({ TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: stack.temporalNamespace, TEMPORAL_TASK_QUEUE: taskQueue }, database.ports);
    let runFailure: unknown;
    const running = worker.run().catch((e: unknown) => {
      runFailure = e;
    });
    cleanups.push(async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
      await workerConnection.close();
    });
    const connection = await Connection.connect({ address });
    cleanups.push(() => connection.close());
    const client = new Client({ connection, namespace: stack.temporalNamespace });

    const { siteCode, pathways } = await seedBeneficiaries(pg, 12);
    await startPathways(client, taskQueue, siteCode, pathways);
    await Promise.all(pathways.map((p) => signal(client, p, firstFacts())));
    await untilEveryStageExpected(client, pathways, 'every pathway in training before the restart', 30_000);

    // Half of the second facts just before the stop: the worker is busy with them when it goes.
    const half = pathways.length / 2;
    await Promise.all(pathways.slice(0, half).map((p, i) => signal(client, p, laterFacts(i))));
    server.kill('SIGTERM');
    await exited(server);
    const stoppedAt = Date.now();
    await startServer();
    console.log(`temporal restart: down for ${((Date.now() - stoppedAt) / 1000).toFixed(1)} s; worker state ${worker.getState()}`);

    // The client's calls retry until its channel is back; the worker's polls likewise.
    await Promise.all(pathways.slice(half).map((p, i) => signal(client, p, laterFacts(i + half))));
    const restartedAt = Date.now();
    const states = await untilEveryStageExpected(client, pathways, 'every pathway to go on after the restart', 45_000);
    const published = await expectExactlyOnce(pg, pathways, states);
    console.log(`temporal restart: ${published} stage changes published; pathways went on in ${((Date.now() - restartedAt) / 1000).toFixed(1)} s`);
    expect(runFailure).toBeUndefined();
    expect(worker.getState()).toBe('RUNNING');

    await Promise.all(pathways.map((p) => client.workflow.getHandle(pathwayWorkflowId(p.id)).terminate('test over').catch(() => undefined)));
  });
});
