import type { ReleaseBlocks } from '../disclosure/release-blocks';

/**
 * The vocabulary every KPI is written in: conditions over one participant row (`participants`
 * table), compiled to ClickHouse SQL with bound parameters. Endpoints and the indicator catalogue
 * (a data file) both use it, so "placed", "in the period" or "observable for 12 months" mean the
 * same thing everywhere (kpis.md "Counting rules").
 *
 * Only names from the lists below reach the SQL text; every value is a query parameter.
 */
export const STEPS = {
  enrolled: 'enrolled_on',
  assessed: 'assessed_on',
  courseEnrolled: 'course_enrolled_on',
  courseCompleted: 'course_completed_on',
  l2Enrolled: 'l2_enrolled_on',
  l2Left: 'l2_left_on',
  l2Improved: 'l2_improved_on',
  vocationalEnrolled: 'vocational_enrolled_on',
  internshipStarted: 'internship_started_on',
  internshipEnded: 'internship_ended_on',
  placed: 'placed_on',
  followedUp3: 'followup_3_on',
  followedUp6: 'followup_6_on',
  followedUp12: 'followup_12_on',
  employed3: 'employed_3_on',
  employed6: 'employed_6_on',
  employed12: 'employed_12_on',
  mentored: 'mentored_on',
  droppedOut: 'dropped_on',
} as const;
export type Step = keyof typeof STEPS;
export const STEP_NAMES = Object.keys(STEPS) as Step[];

export const ATTRIBUTES = {
  sex: 'sex',
  ageBand: 'age_band',
  legalStatus: 'legal_status',
  citizenship: 'citizenship',
  programme: 'programme',
  country: 'country',
  site: 'site_code',
  firstContractType: "splitByChar('|', ifNull(first_placement, '|'))[2]",
} as const;
export type Attribute = keyof typeof ATTRIBUTES | 'courseType';
export const ATTRIBUTE_NAMES = [...Object.keys(ATTRIBUTES), 'courseType'] as Attribute[];

/**
 * - `step`: the person has that step, by default inside the period (`when: 'period'`); `'ever'` means
 *   at any time up to the evaluation date; `withinMonths` additionally requires it no later than
 *   that many months after enrolment (cohort rates).
 * - `observable`: enrolled at least `months` before the evaluation date (kpis.md: cohort rates count
 *   only people who can have been observed for the whole window).
 * - `followUpDue`: the n-month follow-up of their first placement is due by the evaluation date.
 *
 * For protected readers a fact counts at the date it is released (docs/adr/0012, release blocks):
 * every comparison of a step's date with the period or the evaluation date reads the released
 * date; a person's own durations (`withinMonths`) keep the recorded ones.
 */
export type Condition =
  | { step: Step; when?: 'period' | 'ever'; withinMonths?: number }
  | { attribute: Attribute; in: readonly string[] }
  | { observable: { months: number } }
  | { followUpDue: 3 | 6 | 12 }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  | { not: Condition };

/** Parameters every compiled condition may use, besides its own. */
export interface Scope {
  /** First and last day of the period (inclusive), by the date the counted fact occurred. */
  from: string;
  to: string;
  /** Evaluation date: later facts are not yet known; censoring and observability are measured here. */
  asOf: string;
}

export interface CompiledSql {
  sql: string;
  params: Record<string, unknown>;
}

/** Compiles conditions into SQL expressions that are 1 or 0, never NULL (so `not` is sound). */
export class SqlBuilder {
  readonly params: Record<string, unknown> = {};
  private n = 0;
  private readonly released = new Set<string>();

  /** `release`: count facts at their release dates (protected readers); null: at their recorded dates. */
  constructor(private readonly release: ReleaseBlocks | null = null) {}

  param(type: string, value: unknown): string {
    const name = `p${this.n++}`;
    this.params[name] = value;
    return `{${name}:${type}}`;
  }

  /** The date a step's fact counts at: its column, or the released date computed beside it. */
  date(column: string): string {
    if (!this.release) return column;
    this.released.add(column);
    return `rel_${column}`;
  }

  /**
   * The released dates the conditions compiled so far use, as select-list entries over a table
   * with `site_code` and the step columns: the last day of the fact's block, NULL while it is open.
   */
  releasedColumns(): string[] {
    const release = this.release;
    if (!release) return [];
    return [...this.released].map((column) => {
      const blocks: { key: string; months: readonly string[] }[] = [];
      for (const [key, months] of release.closes) {
        const [site, series] = key.split('|') as [string, string];
        if (series === column) blocks.push({ key: site, months });
      }
      return `if(isNull(${column}), NULL, ${this.releasedDate(`assumeNotNull(${column})`, 'site_code', blocks)}) AS rel_${column}`;
    });
  }

  /**
   * SQL for the released date of `date`: the last day of its block among the blocks of the row's
   * series (`keyExpr` names it: its value is a key of `blocks`), NULL while its block is open.
   */
  releasedDate(date: string, keyExpr: string, blocks: readonly { key: string; months: readonly string[] }[]): string {
    const closes = `arrayElement(${this.param('Array(Array(Date32))', blocks.map((b) => [...b.months]))}, indexOf(${this.param('Array(String)', blocks.map((b) => b.key))}, ${keyExpr}))`;
    return `toLastDayOfMonth(arrayElement(${closes}, nullIf(arrayFirstIndex(x -> x >= toStartOfMonth(${date}), ${closes}), 0)))`;
  }

  condition(c: Condition): string {
    if ('step' in c) {
      const col = stepColumn(c.step);
      const at = this.date(col);
      const parts = [c.when === 'ever' ? `${at} <= toDate32({asOf:String})` : `${at} BETWEEN toDate32({from:String}) AND toDate32({to:String}) AND ${at} <= toDate32({asOf:String})`];
      // The person's own duration, from the recorded dates.
      if (c.withinMonths !== undefined) parts.push(`${col} <= addMonths(enrolled_on, ${this.param('UInt16', checkMonths(c.withinMonths))})`);
      return `ifNull(${parts.join(' AND ')}, 0)`;
    }
    if ('attribute' in c) {
      const values = this.param('Array(String)', [...c.in]);
      if (c.attribute === 'courseType') return `hasAny(course_types, ${values})`;
      return `(${attributeColumn(c.attribute)} IN ${values})`;
    }
    if ('observable' in c) return `ifNull(addMonths(${this.date('enrolled_on')}, ${this.param('UInt16', checkMonths(c.observable.months))}) <= toDate32({asOf:String}), 0)`;
    if ('followUpDue' in c) return `ifNull(addMonths(${this.date('placed_on')}, ${this.param('UInt16', c.followUpDue)}) <= toDate32({asOf:String}), 0)`;
    if ('all' in c) return c.all.length === 0 ? '1' : `(${c.all.map((x) => this.condition(x)).join(' AND ')})`;
    if ('any' in c) return c.any.length === 0 ? '0' : `(${c.any.map((x) => this.condition(x)).join(' OR ')})`;
    return `(NOT ${this.condition(c.not)})`;
  }
}

export function stepColumn(step: Step): string {
  const col = STEPS[step] as string | undefined;
  if (!col) throw new RangeError(`unknown step "${step}"`);
  return col;
}

export function attributeColumn(attribute: Exclude<Attribute, 'courseType'>): string {
  const col = ATTRIBUTES[attribute] as string | undefined;
  if (!col) throw new RangeError(`unknown attribute "${attribute}"`);
  return col;
}

function checkMonths(m: number): number {
  if (!Number.isInteger(m) || m < 0 || m > 240) throw new RangeError(`months must be an integer from 0 to 240, got ${m}`);
  return m;
}

/** Conditions used by several endpoints; the catalogue file refers to the same steps by name. */
export const inPeriod = (step: Step): Condition => ({ step });
export const ever = (step: Step): Condition => ({ step, when: 'ever' });
/** The enrolment cohort of the period: people enrolled in it (outcomes counted whenever they happen). */
export const COHORT: Condition = { step: 'enrolled' };

/**
 * How a count is split into columns. `exhaustive` categorisations put every person in exactly one
 * column (so columns add up to the total); course types do not (one person takes several).
 */
export type Categorisation =
  | { by: 'sex' | 'ageBand' | 'legalStatus' | 'programme' }
  /** Contract of the first placement: exhaustive for measures of placed people (MEIC-08). */
  | { by: 'firstContractType' }
  | { by: 'citizenship'; top: readonly string[] }
  | { by: 'courseType' }
  | { by: 'interval'; step: Step; interval: 'month' | 'quarter' | 'year' };

export const BREAKDOWN_DIMENSIONS = ['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const OTHER = 'other';

export function isExhaustive(c: Categorisation): boolean {
  return c.by !== 'courseType';
}

/** SQL for the column a person falls in; for course types an array the query joins over. */
export function categorySql(c: Categorisation, b: SqlBuilder): string {
  switch (c.by) {
    case 'sex':
    case 'ageBand':
    case 'legalStatus':
    case 'programme':
      return attributeColumn(c.by);
    case 'firstContractType':
      return ATTRIBUTES.firstContractType;
    case 'citizenship':
      return `if(citizenship IN ${b.param('Array(String)', [...c.top])}, citizenship, '${OTHER}')`;
    case 'courseType':
      return 'arrayJoin(if(empty(course_types), [\'none\'], course_types))';
    case 'interval': {
      const col = b.date(stepColumn(c.step));
      const fn = c.interval === 'month' ? 'toStartOfMonth' : c.interval === 'quarter' ? 'toStartOfQuarter' : 'toStartOfYear';
      return `ifNull(toString(${fn}(${col})), '')`;
    }
    default: {
      const never: never = c;
      throw new Error(`unknown categorisation ${JSON.stringify(never)}`);
    }
  }
}

/** The columns of a period categorisation: every bucket start from `from` to `to`, so empty ones show as 0. */
export function intervalBuckets(from: string, to: string, interval: 'month' | 'quarter' | 'year'): string[] {
  const start = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  const step = interval === 'month' ? 1 : interval === 'quarter' ? 3 : 12;
  const d = new Date(Date.UTC(start.getUTCFullYear(), interval === 'year' ? 0 : start.getUTCMonth() - (start.getUTCMonth() % step), 1));
  const out: string[] = [];
  while (d <= end && out.length < 1000) {
    out.push(d.toISOString().slice(0, 10));
    d.setUTCMonth(d.getUTCMonth() + step);
  }
  return out;
}
