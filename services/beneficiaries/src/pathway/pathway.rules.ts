// Pure, deterministic rules of a pathway: safe to import from the workflow sandbox (no I/O, no
// clock, no randomness; types only from the contracts).
import type { PathwayStage, TaskKind } from '@meic/contracts';

/**
 * A site's pathway template (data, not code): which stages apply and the deadlines a caseworker
 * is held to. A running pathway keeps the template it started with (it is part of the workflow
 * input); a site's change applies to pathways started afterwards.
 */
export interface PathwayTemplate {
  /** Increases with every change of a site's template; recorded in each pathway's state. */
  version: number;
  /** Stages this site uses, in order; `intake`, `closed` and `dropped_out` always apply. */
  stages: PathwayStage[];
  deadlines: {
    /** Needs assessment within this many days of enrolment. */
    assessmentWithinDays: number;
    /** A first activity (course or internship) within this many days of enrolment. */
    firstActivityWithinDays: number;
    /** No new fact for this many days while not yet employed: the pathway has stalled. */
    stalledAfterDays: number;
    /** An internship not reported ended this many days after its planned end. */
    internshipEndGraceDays: number;
    /** Follow-ups due this many months after the (first) placement. */
    followUpMonths: (3 | 6 | 12)[];
  };
  /**
   * What happens when a deadline passes unmet, per task kind: `task` (the default) raises a
   * caseworker task; `none` does not track that deadline at all (e.g. a site whose follow-ups are
   * run by the regional employment service).
   */
  onMissed?: Partial<Record<TaskKind, MissedDeadline>>;
}

export type MissedDeadline = 'task' | 'none';

export const DEFAULT_TEMPLATE: PathwayTemplate = {
  version: 1,
  stages: ['intake', 'orientation', 'assessment', 'training', 'internship', 'job_search', 'employed', 'follow_up', 'closed'],
  deadlines: { assessmentWithinDays: 14, firstActivityWithinDays: 30, stalledAfterDays: 90, internshipEndGraceDays: 14, followUpMonths: [3, 6, 12] },
};

/** The facts a pathway reacts to: pseudonymous, dates and kinds only. */
export type PathwayFact =
  | { eventId: string; kind: 'enrolled'; on: string }
  | { eventId: string; kind: 'assessed'; on: string }
  | { eventId: string; kind: 'course-enrolled'; on: string }
  | { eventId: string; kind: 'course-completed'; on: string }
  | { eventId: string; kind: 'internship-started'; on: string; plannedEndOn: string }
  | { eventId: string; kind: 'internship-ended'; on: string }
  | { eventId: string; kind: 'placed'; on: string }
  | { eventId: string; kind: 'followed-up'; on: string; months: 3 | 6 | 12; placedOn: string }
  | { eventId: string; kind: 'dropped-out'; on: string }
  /** The consent to evaluation follow-up as recorded on `on` (at enrolment and at each change); `at` orders changes of one day. */
  | { eventId: string; kind: 'consent'; on: string; at: string; evaluationFollowUp: boolean };

const DAY = 86_400_000;
export const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
/** Calendar months, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
}

const first = (facts: readonly PathwayFact[], kind: PathwayFact['kind']): PathwayFact | undefined =>
  facts.filter((f) => f.kind === kind).reduce<PathwayFact | undefined>((a, f) => (a === undefined || f.on < a.on ? f : a), undefined);
const last = (facts: readonly PathwayFact[], kind: PathwayFact['kind']): PathwayFact | undefined =>
  facts.filter((f) => f.kind === kind).reduce<PathwayFact | undefined>((a, f) => (a === undefined || f.on > a.on ? f : a), undefined);

/**
 * Whether the person consents to evaluation follow-up now: the latest consent recorded (by day,
 * then by when it was published) decides. Without any consent fact the pathway predates consent
 * facts and keeps its follow-ups.
 */
export function followUpConsented(facts: readonly PathwayFact[]): boolean {
  let latest: Extract<PathwayFact, { kind: 'consent' }> | undefined;
  for (const f of facts) {
    if (f.kind === 'consent' && (!latest || f.on > latest.on || (f.on === latest.on && f.at > latest.at))) latest = f;
  }
  return latest?.evaluationFollowUp ?? true;
}

/** Facts of what happened in the pathway; a consent is not progress (it neither moves nor revives it). */
const progress = (facts: readonly PathwayFact[]) => facts.filter((f) => f.kind !== 'consent');

export interface StageAt {
  stage: PathwayStage;
  /** Date of the fact that put the pathway in this stage. */
  since: string;
}

/**
 * The stage the facts put a pathway in. It depends on the set of facts only, never on the order
 * they arrived in, so a redelivered or late event cannot corrupt the pathway: the latest fact
 * (by date) decides, with a drop-out ending everything and the last follow-up closing it.
 * A stage the site's template does not use counts as the nearest earlier one it does.
 */
export function stageOf(facts: readonly PathwayFact[], template: PathwayTemplate): StageAt {
  const enrolled = first(facts, 'enrolled');
  const start: StageAt = { stage: 'intake', since: enrolled?.on ?? '' };
  const dropped = first(facts, 'dropped-out');
  if (dropped) return { stage: 'dropped_out', since: dropped.on };
  const placed = first(facts, 'placed');
  const lastFollowUp = Math.max(0, ...template.deadlines.followUpMonths);
  const closing = facts.find((f) => f.kind === 'followed-up' && f.months === lastFollowUp && placed !== undefined);
  if (closing) return { stage: 'closed', since: closing.on };
  // Without consent to follow-up there is nothing left to do once the person has a job: the
  // pathway closes on the later of the placement and the withdrawal.
  if (placed && !followUpConsented(facts)) {
    const consent = facts.filter((f) => f.kind === 'consent').reduce((a, f) => (f.on > a ? f.on : a), placed.on);
    return { stage: 'closed', since: consent };
  }
  const followUp = last(facts, 'followed-up');
  if (followUp && placed) return { stage: use(template, 'follow_up'), since: followUp.on };
  if (placed) return { stage: use(template, 'employed'), since: placed.on };
  // Before a job: the latest activity decides; ties go to the later step of the pathway.
  const order: [PathwayFact['kind'], PathwayStage][] = [
    ['assessed', 'assessment'],
    ['course-enrolled', 'training'],
    ['course-completed', 'job_search'],
    ['internship-started', 'internship'],
    ['internship-ended', 'job_search'],
  ];
  let best: StageAt & { rank: number } = { ...start, rank: -1 };
  order.forEach(([kind, stage], rank) => {
    const f = last(facts, kind);
    if (f && (f.on > best.since || (f.on === best.since && rank > best.rank))) best = { stage: use(template, stage), since: f.on, rank };
  });
  // An internship still running keeps the person in it, whatever course they finished meanwhile.
  const started = last(facts, 'internship-started');
  const ended = last(facts, 'internship-ended');
  if (started && (!ended || ended.on < started.on) && best.stage === 'job_search') return { stage: use(template, 'internship'), since: started.on };
  return { stage: best.stage, since: best.since };
}

/**
 * A stage the template skips counts as the nearest one before it that the site uses: a site that
 * assesses people in its orientation interview keeps an assessed person in orientation rather
 * than moving them on to a training they have not started. `intake` is always used.
 */
function use(template: PathwayTemplate, stage: PathwayStage): PathwayStage {
  const all: PathwayStage[] = ['intake', 'orientation', 'assessment', 'training', 'internship', 'job_search', 'employed', 'follow_up', 'closed'];
  for (let i = all.indexOf(stage); i >= 0; i--) {
    const s = all[i] as PathwayStage;
    if (template.stages.includes(s) || s === 'intake' || s === 'closed') return s;
  }
  return stage;
}

export interface Deadline {
  /** Stable per pathway: the same deadline keeps the same key however often it is computed. */
  key: string;
  kind: TaskKind;
  dueOn: string;
  /** true when the expected fact happened (on or before the due date or later: then no task). */
  met: boolean;
}

/**
 * Every deadline of a pathway given its facts: each is met by a fact, or falls due on a date on
 * which the workflow raises a caseworker task. Open pathways only: none after a drop-out, and
 * none for steps after the pathway closed.
 */
export function deadlines(facts: readonly PathwayFact[], template: PathwayTemplate): Deadline[] {
  const enrolled = first(facts, 'enrolled');
  if (!enrolled || first(facts, 'dropped-out')) return [];
  const d = template.deadlines;
  const out: Deadline[] = [];
  const has = (kind: PathwayFact['kind']) => facts.some((f) => f.kind === kind);
  const placed = first(facts, 'placed');
  if (template.stages.includes('assessment')) {
    out.push({ key: 'assessment', kind: 'assessment_overdue', dueOn: addDays(enrolled.on, d.assessmentWithinDays), met: has('assessed') || placed !== undefined });
  }
  out.push({
    key: 'first-activity',
    kind: 'first_activity_overdue',
    dueOn: addDays(enrolled.on, d.firstActivityWithinDays),
    met: has('course-enrolled') || has('internship-started') || placed !== undefined,
  });
  for (const f of facts) {
    if (f.kind !== 'internship-started') continue;
    const ended = facts.some((e) => e.kind === 'internship-ended' && e.on >= f.on);
    out.push({ key: `internship-end:${f.eventId}`, kind: 'internship_end_overdue', dueOn: addDays(f.plannedEndOn, d.internshipEndGraceDays), met: ended || placed !== undefined });
  }
  if (!placed) {
    // Stalled: no fact for stalledAfterDays since the latest one. The key carries the date it
    // counts from, so a new fact makes a new deadline rather than moving an old one.
    const latest = progress(facts).reduce((a, f) => (f.on > a ? f.on : a), enrolled.on);
    out.push({ key: `stalled:${latest}`, kind: 'pathway_stalled', dueOn: addDays(latest, d.stalledAfterDays), met: false });
  } else if (followUpConsented(facts)) {
    for (const months of d.followUpMonths) {
      out.push({
        key: `follow-up:${months}`,
        kind: 'follow_up_due',
        dueOn: addMonths(placed.on, months),
        met: facts.some((f) => f.kind === 'followed-up' && f.months === months),
      });
    }
  }
  return out.filter((x) => (template.onMissed?.[x.kind] ?? 'task') === 'task');
}

/** The deadline the workflow waits for next: the earliest unmet one not yet raised. */
export function nextDeadline(all: readonly Deadline[], raised: ReadonlySet<string>): Deadline | undefined {
  return all.filter((x) => !x.met && !raised.has(x.key)).reduce<Deadline | undefined>((a, x) => (a === undefined || x.dueOn < a.dueOn ? x : a), undefined);
}
