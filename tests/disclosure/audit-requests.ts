import type { BreakdownResponse } from '@meic/analytics/breakdown/breakdown.schemas';
import type { AnalyticsHarness } from '@meic/analytics/testing/analytics-harness';
import type { Dimension, Family, Responses, Series, SiteFigures } from './differencing-attack';

export const LEAD = { role: 'consortium_lead' as const };

/** Every day from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

export const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** GETs a response as `as`, failing loudly on anything but 200. */
export async function fetchOk<T>(h: AnalyticsHarness, path: string, as: { role: 'consortium_lead' | 'evaluator' | 'admin' | 'site_staff'; sites?: string[] } = LEAD): Promise<T> {
  const res = await h.get<T>(path, as);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** Runs `work` over `items`, `width` at a time, keeping the order. */
export async function inParallel<I, O>(items: readonly I[], width: number, work: (item: I, i: number) => Promise<O>): Promise<O[]> {
  const out = new Array<O>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await work(items[i] as I, i);
    }),
  );
  return out;
}

/** The breakdown request of a dimension: by sex the placement rate (enrolled and cohort placed per category), else enrolled. */
export function breakdownPath(dim: Dimension, query: string): string {
  return dim === 'sex' ? `/v1/kpis/breakdown?metric=placementRate&by=sex&groupBy=site&${query}` : `/v1/kpis/breakdown?metric=enrolled&by=${dim}&groupBy=site&${query}`;
}

/** Per site: enrolled in total and by category, and for the placement rate the cohort placed. */
export function siteFigures(b: BreakdownResponse): Map<string, SiteFigures> {
  const out = new Map<string, SiteFigures>();
  for (const g of b.groups) {
    const rate = b.metric === 'placementRate';
    const categories: Record<string, number> = {};
    for (const c of g.categories) categories[c.category] = (rate ? c.rate?.denominator : c.count.value) ?? 0;
    const figures: SiteFigures = { total: (rate ? g.total.rate?.denominator : g.total.count.value) ?? 0, categories };
    if (rate) figures.placed = g.total.count.value ?? 0;
    out.set(g.key, figures);
  }
  return out;
}

/** The query of one family at one day, the other two parameters held at the year's bounds. */
export function familyQuery(family: Family, day: string, bounds: { from: string; to: string; asOf: string }): string {
  if (family === 'to') return `from=${bounds.from}&to=${day}&asOf=${bounds.asOf}`;
  if (family === 'from') return `from=${day}&to=${bounds.to}&asOf=${bounds.asOf}`;
  return `from=${bounds.from}&to=${bounds.to}&asOf=${day}`;
}

/**
 * Every single-day shift of `to`, `from` and `asOf` over the days, for the three breakdowns the
 * attacker reads, as a consortium lead. Keeps the raw responses too, for the identity attack.
 */
export async function fetchShifts(
  h: AnalyticsHarness,
  days: readonly string[],
  bounds: { from: string; to: string; asOf: string },
  onResponse?: (path: string, body: BreakdownResponse) => void,
): Promise<Responses> {
  const responses = {} as Responses;
  for (const family of ['to', 'from', 'asOf'] as const) {
    responses[family] = {} as Record<Dimension, Series>;
    for (const dim of ['sex', 'legalStatus', 'ageBand'] as const) {
      responses[family][dim] = await inParallel(days, 4, async (day) => {
        const path = breakdownPath(dim, familyQuery(family, day, bounds));
        const body = await fetchOk<BreakdownResponse>(h, path);
        onResponse?.(path, body);
        return siteFigures(body);
      });
    }
  }
  return responses;
}
