import { condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { PathwayStage } from '@meic/contracts';
import type { createPathwayActivities } from './pathway.activities';
import { DEFAULT_TEMPLATE, deadlines, followUpConsented, nextDeadline, stageOf, type PathwayFact, type PathwayTemplate } from './pathway.rules';
import { pathwayTaskId } from './pathway.task-id';
import {
  pathwayEventSignal,
  pathwayFactSignal,
  pathwayStateQuery,
  migrateTemplateSignal,
  taskClosedSignal,
  type PathwayEvent,
  type PathwayInput,
  type PathwayState,
  type TaskClosed,
  type TemplateMigration,
} from './pathway.types';

const { recordStageChange, raiseTask } = proxyActivities<ReturnType<typeof createPathwayActivities>>({
  startToCloseTimeout: '30 seconds',
  // Both activities are idempotent writes to the service's database: retry until it is back,
  // however long that takes (the pathway waits; nothing is lost).
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Marks histories of the rules-based pathway. Pathways started by the first version (accept
 * events, stay in intake) replay without it and keep that behaviour; see `legacyPathway`.
 */
export const RULES_PATCH = 'pathway-rules-v1';

/**
 * Marks histories in which a deadline that was already past when the pathway learnt of it waits
 * a grace period before its task is raised (see `catchUpGraceSeconds`).
 */
export const CATCH_UP_PATCH = 'pathway-catch-up-grace-v1';

/**
 * Marks histories in which one grace serves every deadline that was already past: once it has
 * passed without a new fact, the other past deadlines are raised at once rather than each after
 * a grace of its own.
 */
export const CATCH_UP_ONCE_PATCH = 'pathway-catch-up-once-v1';

/** Grace for pathways whose input predates `catchUpGraceSeconds`. */
export const DEFAULT_CATCH_UP_GRACE_SECONDS = 600;

const TERMINAL: readonly PathwayStage[] = ['closed', 'dropped_out'];

/**
 * One beneficiary's pathway, `pathway-<beneficiaryId>`. It keeps the set of facts the person's
 * events delivered and derives everything from it with the pure rules (stage, deadlines), so
 * redelivered, late or out-of-order events cannot corrupt it. Each stage change and each deadline
 * that passes unmet goes out through an activity (task row + outbox event). It ends after the last
 * follow-up, at the placement of a person without consent to follow-up, or on drop-out; erasure
 * terminates it from outside.
 */
export async function pathwayWorkflow(input: PathwayInput): Promise<PathwayState> {
  if (!patched(RULES_PATCH)) return legacyPathway(input);

  // The template the pathway started with, until a deliberate migration replaces it.
  let template: PathwayTemplate = input.template ?? DEFAULT_TEMPLATE;
  const workflowId = workflowInfo().workflowId;
  // The enrolment is in the input already; as a fact it makes the pathway work even if the
  // enrolment signal were lost. A signalled enrolment (other eventId) is a harmless duplicate.
  const facts = new Map<string, PathwayFact>([['input:enrolled', { eventId: 'input:enrolled', kind: 'enrolled', on: input.enrolledOn }]]);
  const raised = new Set<string>();
  let factsVersion = 0;
  // Workflow time at which the facts (or the template) last changed: a deadline due before it
  // was already past when the pathway learnt of it.
  let learntAt = Date.now();
  const graceMs = (input.catchUpGraceSeconds ?? DEFAULT_CATCH_UP_GRACE_SECONDS) * 1000;
  // The facts version a grace has passed for without news: the backlog has arrived.
  let caughtUpAt = -1;
  const state: PathwayState = {
    beneficiaryId: input.beneficiaryId,
    siteCode: input.siteCode,
    stage: 'intake',
    history: [],
    openTasks: [],
    nextDueOn: null,
    nextDueKind: null,
    templateVersion: template.version,
  };

  const addFact = (fact: PathwayFact | undefined) => {
    if (!fact || facts.has(fact.eventId)) return;
    facts.set(fact.eventId, fact);
    factsVersion += 1;
    learntAt = Date.now();
  };
  setHandler(pathwayFactSignal, (fact: PathwayFact) => addFact(fact));
  setHandler(pathwayEventSignal, (event: PathwayEvent) => addFact(factFromEvent(event)));
  setHandler(taskClosedSignal, ({ taskId }: TaskClosed) => {
    state.openTasks = state.openTasks.filter((t) => t.taskId !== taskId);
  });
  // Deadlines and the stage are recomputed under the new template; tasks already raised stay
  // raised (their keys are remembered), so a migration never raises a task twice.
  setHandler(migrateTemplateSignal, ({ template: next }: TemplateMigration) => {
    template = next;
    state.templateVersion = next.version;
    factsVersion += 1;
    learntAt = Date.now();
  });
  setHandler(pathwayStateQuery, () => state);

  let current: PathwayStage | null = null;
  for (;;) {
    const seen = factsVersion;
    const all = [...facts.values()];
    // Follow-up tasks already raised lapse with the consent (the service removes their rows).
    if (!followUpConsented(all)) state.openTasks = state.openTasks.filter((t) => t.kind !== 'follow_up_due');
    const { stage, since } = stageOf(all, template);
    if (stage !== current) {
      await recordStageChange({ beneficiaryId: input.beneficiaryId, siteCode: input.siteCode, from: current, to: stage, on: since });
      current = stage;
      state.stage = stage;
      state.history.push({ stage, on: since });
    }
    if (TERMINAL.includes(stage)) break;
    // New facts while the activity ran: recompute before waiting on anything.
    if (factsVersion !== seen) continue;

    const next = nextDeadline(deadlines(all, template), raised);
    state.nextDueOn = next?.dueOn ?? null;
    state.nextDueKind = next?.kind ?? null;
    if (!next) {
      await condition(() => factsVersion !== seen);
      continue;
    }
    // A due date is a whole day: the deadline passes at the start of it (UTC). Date.now() is the
    // workflow clock here (deterministic, replayed from the history).
    const dueAt = Date.parse(`${next.dueOn}T00:00:00Z`);
    const ms = dueAt - Date.now();
    if (ms > 0 && (await condition(() => factsVersion !== seen, ms))) continue;
    // Records entered late (a spreadsheet import, the demo, a caseworker catching up) arrive as a
    // burst of facts: an enrolment from last year is overdue for everything until the rest of the
    // person's records follow a moment later. A deadline already past when the pathway learnt of
    // it therefore waits for the backlog before it becomes a task; one that passes while the
    // pathway waits is raised at once.
    if (ms <= 0 && dueAt < learntAt && graceMs > 0 && patched(CATCH_UP_PATCH) && !(caughtUpAt === factsVersion && patched(CATCH_UP_ONCE_PATCH))) {
      if (await condition(() => factsVersion !== seen, graceMs)) continue;
      caughtUpAt = factsVersion;
    }

    const taskId = pathwayTaskId(workflowId, next.key);
    const raisedOn = new Date(Date.now()).toISOString().slice(0, 10);
    await raiseTask({ taskId, beneficiaryId: input.beneficiaryId, siteCode: input.siteCode, kind: next.kind, dueOn: next.dueOn, raisedOn });
    raised.add(next.key);
    state.openTasks.push({ taskId, kind: next.kind, dueOn: next.dueOn, raisedOn });
  }
  state.nextDueOn = null;
  state.nextDueKind = null;
  return state;
}

/**
 * Facts from the first signal's shape: only the types that carry everything a fact needs.
 * Internships (planned end) and follow-ups (months, placement) must come as `pathwayFact`.
 */
function factFromEvent({ eventId, type, occurredOn: on }: PathwayEvent): PathwayFact | undefined {
  switch (type) {
    case 'meic.beneficiary.enrolled.v1':
      return { eventId, kind: 'enrolled', on };
    case 'meic.beneficiary.assessed.v1':
      return { eventId, kind: 'assessed', on };
    case 'meic.course.enrolled.v1':
      return { eventId, kind: 'course-enrolled', on };
    case 'meic.course.completed.v1':
      return { eventId, kind: 'course-completed', on };
    case 'meic.internship.ended.v1':
      return { eventId, kind: 'internship-ended', on };
    case 'meic.beneficiary.placed.v1':
      return { eventId, kind: 'placed', on };
    case 'meic.beneficiary.dropped-out.v1':
      return { eventId, kind: 'dropped-out', on };
    default:
      return undefined;
  }
}

/**
 * The first version, for histories recorded before RULES_PATCH: it accepted events and stayed in
 * intake, issuing no commands. Replaying it unchanged keeps those pathways valid; they can be
 * reset or restarted to move to the rules. Remove with deprecatePatch once none runs.
 */
async function legacyPathway(input: PathwayInput): Promise<PathwayState> {
  const state: PathwayState = {
    beneficiaryId: input.beneficiaryId,
    siteCode: input.siteCode,
    stage: 'intake',
    history: [{ stage: 'intake', on: input.enrolledOn }],
    openTasks: [],
    nextDueOn: null,
    nextDueKind: null,
    templateVersion: 0,
  };
  setHandler(pathwayEventSignal, () => undefined);
  setHandler(pathwayStateQuery, () => state);
  await condition(() => false);
  return state;
}
