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

/** For each site and kind of fact, the months (YYYY-MM-01) that close a block, ascending. */
export type ReleaseBlocks = ReadonlyMap<string, readonly string[]>;

export const blockKey = (site: string, series: string) => `${site}|${series}`;

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
  const out = new Map<string, string[]>();
  for (const [k, list] of bySeries) {
    list.sort((a, b) => a.month.localeCompare(b.month));
    const closes: string[] = [];
    let open = 0;
    for (const c of list) {
      open += c.n;
      if (open >= size) {
        closes.push(c.month);
        open = 0;
      }
    }
    out.set(k, closes);
  }
  return out;
}

/** The date a fact of that month is released as: the last day of its block, or null while its block is open. */
export function releasedOn(blocks: ReleaseBlocks, site: string, series: string, date: string): string | null {
  const month = `${date.slice(0, 7)}-01`;
  const close = (blocks.get(blockKey(site, series)) ?? []).find((m) => m >= month);
  return close === undefined ? null : lastDayOfMonth(close);
}

/** The last release date of a series at a site (the end of its last closed block), or null. */
export function releasedThrough(blocks: ReleaseBlocks, site: string, series: string): string | null {
  const closes = blocks.get(blockKey(site, series)) ?? [];
  const last = closes[closes.length - 1];
  return last === undefined ? null : lastDayOfMonth(last);
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

function previousMonthEnd(iso: string): string {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 0)).toISOString().slice(0, 10);
}
