// The pathway workflow on Temporal's time-skipping test server: months of a pathway in seconds.
// Integration tier because it runs the real test server binary (MEIC_TEST_TEMPORAL_TEST_SERVER,
// provisioned by infra/jest); the activities are stubs that record their calls.
//
// It also records the histories the replay test (pathway.replay.spec.ts) runs through the current
// workflow code: a scenario writes histories/<name>.json only when that file is missing. To
// re-record after a deliberate, `patched`-guarded change: keep the old files (rename them, e.g.
// stalled.v1.json, so they still replay and prove old pathways survive the change), delete the
// ones to refresh, run this file, and check the new files hold only pseudonymous ids.
import { existsSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pollUntil, randomName, randomSiteCode, testStack } from '@meic/testing';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { bundleWorkflowCode, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { WorkflowHandle } from '@temporalio/client';
import { historyToFixture } from '../testing/pathway-history';
import { createPathwayActivities, type PathwayActivityPorts } from './pathway.activities';
import { addDays, addMonths, DEFAULT_TEMPLATE, type PathwayFact, type PathwayTemplate } from './pathway.rules';
import { pathwayTaskId } from './pathway.task-id';
import { migrateTemplateSignal, pathwayEventSignal, pathwayFactSignal, pathwayStateQuery, pathwayWorkflowId, taskClosedSignal, type PathwayEvent, type PathwayInput, type PathwayState, type RaiseTaskInput, type StageChangeInput } from './pathway.types';
import type { pathwayWorkflow } from './pathway.workflow';

const HISTORIES = path.join(__dirname, 'histories');
const IDENTITY = 'pathway-workflow-test';
const DAY = 86_400_000;

let env: TestWorkflowEnvironment;
let bundle: WorkflowBundle;

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: testStack().temporalTestServer } },
    client: { identity: IDENTITY },
  });
  // One bundle for every worker of this file: webpack is the slow part.
  bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('./pathway.workflow') });
});

afterAll(async () => {
  await env?.teardown();
});

// A pathway left running by a failed test would hold the shared test server's clock (its timers
// fire into a task queue nobody polls any more): end them all after each test.
const started: WorkflowHandle[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((h) => h.terminate('test over').catch(() => undefined)));
});

/** Stub ports recording what the workflow asked for; the first raise of each task fails once. */
function recordingPorts() {
  const stageChanges: StageChangeInput[] = [];
  const raised: RaiseTaskInput[] = [];
  const attempts = new Map<string, number>();
  const ports: PathwayActivityPorts = {
    recordStageChange: async (input) => {
      stageChanges.push(input);
    },
    raiseTask: async (input) => {
      const n = (attempts.get(input.taskId) ?? 0) + 1;
      attempts.set(input.taskId, n);
      // A failed first attempt: the retry must carry the same task id.
      if (n === 1) throw new Error('database unavailable (test)');
      raised.push(input);
    },
  };
  return { ports, stageChanges, raised, attempts };
}

async function withWorker<T>(ports: PathwayActivityPorts, run: (taskQueue: string) => Promise<T>): Promise<T> {
  const taskQueue = randomName('pathways');
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowBundle: bundle,
    activities: createPathwayActivities(ports),
    identity: IDENTITY,
    // No cache: every workflow task replays the whole history, so each step of these tests is
    // also a replay of the steps before it (task ids, timers and stage changes must agree).
    maxCachedWorkflows: 0,
  });
  return worker.runUntil(run(taskQueue));
}

/** Day `n` of the scenario, counted from the test server's clock when it starts. */
async function calendar() {
  const start = new Date(await env.currentTimeMs()).toISOString().slice(0, 10);
  const day = (n: number) => addDays(start, n);
  /** Skips time to noon of the given day (timers due before then fire on the way). */
  const advanceTo = async (iso: string) => {
    const target = Date.parse(`${iso}T12:00:00Z`);
    const now = await env.currentTimeMs();
    if (target > now) await env.sleep(target - now);
  };
  return { day, advanceTo };
}

/**
 * As the consumer does it: signal-with-start with the enrolment as a fact; `shape: 'event'` sends
 * it in the first signal's shape instead (pathways started before facts, senders not moved yet).
 */
async function start(taskQueue: string, enrolledOn: string, opts: { template?: PathwayTemplate; shape?: 'fact' | 'event'; catchUpGraceSeconds?: number } = {}): Promise<WorkflowHandle<typeof pathwayWorkflow>> {
  const beneficiaryId = randomUUID();
  const eventId = randomUUID();
  const options = {
    workflowId: pathwayWorkflowId(beneficiaryId),
    taskQueue,
    args: [{ beneficiaryId, siteCode: randomSiteCode(), enrolledOn, template: opts.template ?? DEFAULT_TEMPLATE, ...(opts.catchUpGraceSeconds !== undefined ? { catchUpGraceSeconds: opts.catchUpGraceSeconds } : {}) }] as [PathwayInput],
  };
  const handle =
    opts.shape === 'event'
      ? await env.client.workflow.signalWithStart<typeof pathwayWorkflow, [PathwayEvent]>('pathwayWorkflow', { ...options, signal: pathwayEventSignal, signalArgs: [{ eventId, type: 'meic.beneficiary.enrolled.v2', occurredOn: enrolledOn }] })
      : await env.client.workflow.signalWithStart<typeof pathwayWorkflow, [PathwayFact]>('pathwayWorkflow', { ...options, signal: pathwayFactSignal, signalArgs: [{ eventId, kind: 'enrolled', on: enrolledOn }] });
  started.push(handle);
  return handle;
}

const query = (handle: WorkflowHandle) => handle.query(pathwayStateQuery);
const until = (handle: WorkflowHandle, what: string, test: (s: PathwayState) => boolean) =>
  pollUntil(what, async () => {
    const s = await query(handle);
    return test(s) ? s : undefined;
  });

async function recordHistory(name: string, handle: WorkflowHandle): Promise<void> {
  const file = path.join(HISTORIES, `${name}.json`);
  if (existsSync(file)) return;
  writeFileSync(file, `${JSON.stringify(historyToFixture(await handle.fetchHistory()), null, 2)}\n`);
}

describe('pathway workflow (time-skipping)', () => {
  it('follows a whole pathway to its 12-month follow-up, publishing each stage change and raising no task', async () => {
    const { ports, stageChanges, raised } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day, advanceTo } = await calendar();
      const handle = await start(taskQueue, day(0));
      const placedOn = day(175);
      // Each fact with the next deadline it leaves the pathway waiting for.
      const steps: [PathwayFact, string, string][] = [
        [{ eventId: randomUUID(), kind: 'assessed', on: day(7) }, 'assessment', day(30)],
        [{ eventId: randomUUID(), kind: 'course-enrolled', on: day(20) }, 'training', day(110)],
        [{ eventId: randomUUID(), kind: 'course-completed', on: day(80) }, 'job_search', day(170)],
        [{ eventId: randomUUID(), kind: 'internship-started', on: day(85), plannedEndOn: day(170) }, 'internship', day(175)],
        [{ eventId: randomUUID(), kind: 'internship-ended', on: day(170) }, 'job_search', day(260)],
        [{ eventId: randomUUID(), kind: 'placed', on: placedOn }, 'employed', addMonths(placedOn, 3)],
      ];
      for (const months of [3, 6] as const) {
        // The day before it is due: on time.
        const on = addDays(addMonths(placedOn, months), -1);
        steps.push([{ eventId: randomUUID(), kind: 'followed-up', on, months, placedOn }, 'follow_up', addMonths(placedOn, months === 3 ? 6 : 12)]);
      }
      await until(handle, 'intake', (s) => s.stage === 'intake' && s.nextDueKind === 'assessment_overdue');
      for (const [fact, stage, nextDueOn] of steps) {
        await advanceTo(fact.on);
        await handle.signal(pathwayFactSignal, fact);
        await until(handle, `${fact.kind} → ${stage}, next due ${nextDueOn}`, (s) => s.stage === stage && s.nextDueOn === nextDueOn);
      }
      const lastOn = addDays(addMonths(placedOn, 12), -1);
      await advanceTo(lastOn);
      await handle.signal(pathwayFactSignal, { eventId: randomUUID(), kind: 'followed-up', on: lastOn, months: 12, placedOn });
      const final = await handle.result();

      expect(final.stage).toBe('closed');
      expect(final.history.map((h) => h.stage)).toEqual(['intake', 'assessment', 'training', 'job_search', 'internship', 'job_search', 'employed', 'follow_up', 'closed']);
      expect(final.history.at(-1)).toEqual({ stage: 'closed', on: lastOn });
      expect(final).toMatchObject({ openTasks: [], nextDueOn: null, nextDueKind: null, templateVersion: DEFAULT_TEMPLATE.version });
      expect(stageChanges.map((c) => [c.from, c.to])).toEqual([
        [null, 'intake'],
        ['intake', 'assessment'],
        ['assessment', 'training'],
        ['training', 'job_search'],
        ['job_search', 'internship'],
        ['internship', 'job_search'],
        ['job_search', 'employed'],
        ['employed', 'follow_up'],
        ['follow_up', 'closed'],
      ]);
      expect(stageChanges.map((c) => c.on)).toEqual(final.history.map((h) => h.on));
      expect(raised).toEqual([]);
      await recordHistory('full-pathway', handle);
    });
  });

  it('raises each overdue task of a stalled pathway once, shows them in the query, and closes them on request', async () => {
    const { ports, stageChanges, raised, attempts } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day, advanceTo } = await calendar();
      const handle = await start(taskQueue, day(0));
      const workflowId = handle.workflowId;
      const ids = { assessment: pathwayTaskId(workflowId, 'assessment'), first: pathwayTaskId(workflowId, 'first-activity'), stalled: pathwayTaskId(workflowId, `stalled:${day(0)}`) };

      await advanceTo(day(13));
      const s13 = await until(handle, 'first deadline', (s) => s.nextDueOn !== null);
      expect(s13).toMatchObject({ stage: 'intake', openTasks: [], nextDueOn: day(14), nextDueKind: 'assessment_overdue' });

      await advanceTo(day(14));
      const s14 = await until(handle, 'assessment task', (s) => s.openTasks.length === 1);
      expect(s14.openTasks).toEqual([{ taskId: ids.assessment, kind: 'assessment_overdue', dueOn: day(14), raisedOn: day(14) }]);
      expect(s14).toMatchObject({ nextDueOn: day(30), nextDueKind: 'first_activity_overdue' });

      await advanceTo(day(30));
      await until(handle, 'first-activity task', (s) => s.openTasks.length === 2);
      await handle.signal(taskClosedSignal, { taskId: ids.assessment });
      const closed = await until(handle, 'assessment task closed', (s) => s.openTasks.length === 1);
      expect(closed.openTasks).toEqual([{ taskId: ids.first, kind: 'first_activity_overdue', dueOn: day(30), raisedOn: day(30) }]);
      expect(closed).toMatchObject({ nextDueOn: day(90), nextDueKind: 'pathway_stalled' });

      await advanceTo(day(120));
      const s120 = await until(handle, 'stalled task', (s) => s.openTasks.length === 2);
      expect(s120.openTasks.map((t) => [t.taskId, t.kind, t.dueOn])).toEqual([
        [ids.first, 'first_activity_overdue', day(30)],
        [ids.stalled, 'pathway_stalled', day(90)],
      ]);
      expect(s120).toMatchObject({ stage: 'intake', nextDueOn: null, nextDueKind: null });

      // Each raised once (its second attempt, after a failure), with the same id each time.
      expect(raised.map((r) => [r.taskId, r.kind, r.dueOn])).toEqual([
        [ids.assessment, 'assessment_overdue', day(14)],
        [ids.first, 'first_activity_overdue', day(30)],
        [ids.stalled, 'pathway_stalled', day(90)],
      ]);
      expect([...attempts.values()]).toEqual([2, 2, 2]);
      expect(stageChanges.map((c) => c.to)).toEqual(['intake']);
      await recordHistory('stalled-pathway', handle);
      // Erasure ends a pathway from outside.
      await handle.terminate('beneficiary erased (test)');
    });
  });

  it('keeps its template when the site changes it, and follows the new one only when migrated deliberately', async () => {
    const { ports, raised } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day, advanceTo } = await calendar();
      // Started under the default: assessment by day 14, first activity by day 30.
      const handle = await start(taskQueue, day(0));
      await advanceTo(day(2));
      expect(await until(handle, 'first deadline', (s) => s.nextDueOn !== null)).toMatchObject({ templateVersion: 1, nextDueOn: day(14), nextDueKind: 'assessment_overdue' });
      // The site's new template (no assessment stage, first activity within 10 days), sent on day 2.
      const site: PathwayTemplate = { ...DEFAULT_TEMPLATE, version: 2, stages: DEFAULT_TEMPLATE.stages.filter((x) => x !== 'assessment'), deadlines: { ...DEFAULT_TEMPLATE.deadlines, firstActivityWithinDays: 10 } };
      await handle.signal(migrateTemplateSignal, { template: site });
      // 0 + 10 = day 10, the assessment deadline is gone with the stage.
      expect(await until(handle, 'migrated', (s) => s.templateVersion === 2)).toMatchObject({ nextDueOn: day(10), nextDueKind: 'first_activity_overdue' });
      await advanceTo(day(10));
      const s10 = await until(handle, 'first-activity task', (s) => s.openTasks.length === 1);
      expect(s10.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([['first_activity_overdue', day(10)]]);
      expect(raised.map((r) => r.kind)).toEqual(['first_activity_overdue']);
    });
  });

  it('ends on a drop-out, and raises nothing afterwards', async () => {
    const { ports, stageChanges, raised } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day, advanceTo } = await calendar();
      const handle = await start(taskQueue, day(0), { shape: 'event' });
      await advanceTo(day(5));
      await handle.signal(pathwayFactSignal, { eventId: randomUUID(), kind: 'assessed', on: day(5) });
      await advanceTo(day(10));
      await handle.signal(pathwayFactSignal, { eventId: randomUUID(), kind: 'dropped-out', on: day(10) });
      const final = await handle.result();
      expect(final).toMatchObject({ stage: 'dropped_out', openTasks: [], nextDueOn: null, nextDueKind: null });
      expect(final.history).toEqual([
        { stage: 'intake', on: day(0) },
        { stage: 'assessment', on: day(5) },
        { stage: 'dropped_out', on: day(10) },
      ]);
      expect(stageChanges.map((c) => c.to)).toEqual(['intake', 'assessment', 'dropped_out']);
      await env.sleep(120 * DAY);
      expect(raised).toEqual([]);
      await recordHistory('dropped-out', handle);
    });
  });

  it('lets records entered late catch up: no task for what they show happened, the truly missed deadline raised after the grace', async () => {
    const { ports, raised, stageChanges } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day } = await calendar();
      // A person imported today with last year's records: every deadline of the enrolment alone
      // is long past when the pathway starts, and the records that meet them come a moment later.
      const handle = await start(taskQueue, day(-200), { catchUpGraceSeconds: 600 });
      const facts: PathwayFact[] = [
        { eventId: randomUUID(), kind: 'assessed', on: day(-195) },
        { eventId: randomUUID(), kind: 'course-enrolled', on: day(-180) },
        { eventId: randomUUID(), kind: 'course-completed', on: day(-100) },
      ];
      for (const f of facts) await handle.signal(pathwayFactSignal, f);
      // Nothing since the course ended 100 days ago: stalled since day -10 (90 days), genuinely.
      const settled = await until(handle, 'caught up', (s) => s.stage === 'job_search' && s.nextDueKind === 'pathway_stalled');
      expect(settled).toMatchObject({ openTasks: [], nextDueOn: day(-10) });
      await env.sleep(5 * 60_000);
      expect(raised).toEqual([]);
      await env.sleep(6 * 60_000);
      const after = await until(handle, 'stalled task raised', (s) => s.openTasks.length === 1);
      expect(after.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([['pathway_stalled', day(-10)]]);
      expect(raised.map((r) => r.kind)).toEqual(['pathway_stalled']);
      expect(stageChanges.at(-1)?.to).toBe('job_search');
      await recordHistory('late-records', handle);
      await handle.terminate('test done');
    });
  });

  it('raises every deadline the late records left unmet after one grace, not one grace each', async () => {
    const { ports, raised } = recordingPorts();
    await withWorker(ports, async (taskQueue) => {
      const { day } = await calendar();
      const handle = await start(taskQueue, day(-200), { catchUpGraceSeconds: 600 });
      // Assessed, then nothing: first activity overdue since day -170, stalled since day -105.
      await handle.signal(pathwayFactSignal, { eventId: randomUUID(), kind: 'assessed', on: day(-195) });
      await until(handle, 'caught up', (s) => s.stage === 'assessment' && s.nextDueKind === 'first_activity_overdue');
      expect(raised).toEqual([]);
      await env.sleep(11 * 60_000);
      const after = await until(handle, 'both tasks raised', (s) => s.openTasks.length === 2);
      expect(after.openTasks.map((t) => [t.kind, t.dueOn])).toEqual([
        ['first_activity_overdue', day(-170)],
        ['pathway_stalled', day(-105)],
      ]);
      await handle.terminate('test done');
    });
  });

  it('reaches the same state whatever the order of the facts, and however often they come', async () => {
    const { ports, raised } = recordingPorts();
    // A site's own template (data): generous deadlines, so no task races the signals.
    const template: PathwayTemplate = { ...DEFAULT_TEMPLATE, version: 7, deadlines: { ...DEFAULT_TEMPLATE.deadlines, assessmentWithinDays: 400, firstActivityWithinDays: 400, stalledAfterDays: 400 } };
    await withWorker(ports, async (taskQueue) => {
      const { day } = await calendar();
      const facts: PathwayFact[] = [
        { eventId: randomUUID(), kind: 'assessed', on: day(-40) },
        { eventId: randomUUID(), kind: 'course-enrolled', on: day(-30) },
        { eventId: randomUUID(), kind: 'course-completed', on: day(-10) },
        { eventId: randomUUID(), kind: 'internship-started', on: day(-5), plannedEndOn: day(60) },
      ];
      const inOrder = await start(taskQueue, day(-45), { template });
      const shuffled = await start(taskQueue, day(-45), { template, shape: 'event' });
      for (const f of facts) await inOrder.signal(pathwayFactSignal, f);
      for (const f of [...facts].reverse()) await shuffled.signal(pathwayFactSignal, f);
      for (const f of facts) await shuffled.signal(pathwayFactSignal, f);
      // The first signal's shape carries the same event id: still a duplicate.
      await shuffled.signal(pathwayEventSignal, { eventId: (facts[0] as PathwayFact).eventId, type: 'meic.beneficiary.assessed.v1', occurredOn: day(-40) });

      const settled = (s: PathwayState) => s.stage === 'internship' && s.nextDueKind === 'internship_end_overdue';
      const a = await until(inOrder, 'in-order pathway settled', settled);
      const b = await until(shuffled, 'shuffled pathway settled', settled);
      const comparable = ({ stage, openTasks, nextDueOn, nextDueKind, templateVersion, history }: PathwayState) => ({ stage, openTasks, nextDueOn, nextDueKind, templateVersion, last: history.at(-1) });
      expect(comparable(b)).toEqual(comparable(a));
      expect(comparable(a)).toEqual({ stage: 'internship', openTasks: [], nextDueOn: day(74), nextDueKind: 'internship_end_overdue', templateVersion: 7, last: { stage: 'internship', on: day(-5) } });
      expect(raised).toEqual([]);
      await Promise.all([inOrder.terminate('test done'), shuffled.terminate('test done')]);
    });
  });
});
