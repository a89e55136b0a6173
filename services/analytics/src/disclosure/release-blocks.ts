/**
 * Release blocks (docs/adr/0012). Cell-key perturbation gives the same people the same figure, so
 * when two requests reach sets that differ by one person, every cell without that person is
 * unchanged and the one that changed names the person's category. To leave no such pair, the dates
 * that decide who is counted are coarsened before counting: at each site, the facts of one kind
 * (enrolments, placements, …) are grouped into blocks of consecutive calendar months holding at
 * least `size` facts, and every fact of a block is dated the last day of its block. A block still
 * open (fewer than `size` facts so far) is not released. Any change of period, evaluation date or
 * trend bucket then adds or removes whole blocks: never fewer than `size` people.
 */

/** Facts of one kind at one site in one calendar month. */
export interface MonthCount {
  site: string;
  /** The kind of fact: a step column of `participants`, or a contribution kind. */
  series: string;
  /** First day of the month, YYYY-MM-01. */
  month: string;
  n: number;
}

export const blockKey = (site: string, series: string) => `${site}|${series}`;

/** The release blocks of every site and kind of fact. */
export class ReleaseBlocks {
  constructor(
    /** Months (YYYY-MM-01) that close a block, ascending, by blockKey. */
    readonly closes: ReadonlyMap<string, readonly string[]>,
    /** The first month of the block still open, by blockKey (absent when nothing is pending). */
    readonly pendingFrom: ReadonlyMap<string, string>,
  ) {}

  /** The date a fact of that date is released as: the last day of its block, or null while its block is open. */
  releasedOn(site: string, series: string, date: string): string | null {
    const month = `${date.slice(0, 7)}-01`;
    const close = (this.closes.get(blockKey(site, series)) ?? []).find((m) => m >= month);
    return close === undefined ? null : lastDayOfMonth(close);
  }

  /**
   * The last day up to which every fact of the series at the site is counted at evaluation date
   * `asOf`: asOf itself, or the day before the first month whose block is still open.
   */
  completeThrough(site: string, series: string, asOf: string): string {
    const pending = this.pendingFrom.get(blockKey(site, series));
    if (pending === undefined || pending > asOf) return asOf;
    return dayBefore(pending);
  }
}

/**
 * Greedy from each series' first month: a block closes with the month that brings it to `size`
 * facts. Facts are only ever added at the end in the normal course, so closed blocks stay as they
 * are while the open one fills.
 */
export function releaseBlocks(counts: readonly MonthCount[], size: number): ReleaseBlocks {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`release block size must be a whole number ≥ 1, got ${size}`);
  const bySeries = new Map<string, MonthCount[]>();
  for (const c of counts) {
    if (c.n <= 0) continue;
    const k = blockKey(c.site, c.series);
    const list = bySeries.get(k) ?? [];
    list.push(c);
    bySeries.set(k, list);
  }
  const closes = new Map<string, string[]>();
  const pendingFrom = new Map<string, string>();
  for (const [k, list] of bySeries) {
    list.sort((a, b) => a.month.localeCompare(b.month));
    const out: string[] = [];
    let open = 0;
    let openSince: string | null = null;
    for (const c of list) {
      open += c.n;
      openSince ??= c.month;
      if (open >= size) {
        out.push(c.month);
        open = 0;
        openSince = null;
      }
    }
    closes.set(k, out);
    if (openSince !== null) pendingFrom.set(k, openSince);
  }
  return new ReleaseBlocks(closes, pendingFrom);
}

export function lastDayOfMonth(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/**
 * The evaluation date a protected reader gets: the last day of the last month that has ended by
 * both the requested date and today. Blocks are released at month ends, and a month still running
 * is never shown: its facts keep arriving.
 */
export function releaseAsOf(asOf: string, today: string): string {
  const monthEnd = (iso: string) => (lastDayOfMonth(iso) === iso ? iso : previousMonthEnd(iso));
  const a = monthEnd(asOf);
  const b = monthEnd(today);
  return a < b ? a : b;
}

function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function previousMonthEnd(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}
