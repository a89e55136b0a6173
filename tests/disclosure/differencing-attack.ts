/**
 * The differencing attacker of the disclosure audit (docs/adr/0012). It knows the truth about
 * nobody; it has the published responses of every single-day shift of `to`, `from` and `asOf`
 * over a year, the algorithm, and for each target person their site and enrolment day (what a
 * neighbour or a caseworker of another service knows). From pairs of responses whose populations
 * differ by that person it guesses the person's sex, legal status, age band and outcome. The audit
 * scores the guesses against the truth and against what anyone could guess without differencing.
 */

/** What one response says about one site: enrolled in total and by category, and (sex series) the cohort placed. */
export interface SiteFigures {
  total: number;
  categories: Record<string, number>;
  placed?: number;
}

/** Which request parameter moves, one day at a time. */
export type Family = 'to' | 'from' | 'asOf';

/** One breakdown dimension's responses for one family: per day (index into the year), per site. */
export type Series = ReadonlyMap<string, SiteFigures>[];

export const ATTRIBUTES = ['sex', 'legalStatus', 'ageBand', 'outcome'] as const;
export type Attribute = (typeof ATTRIBUTES)[number];
export type Dimension = Exclude<Attribute, 'outcome'>;

export interface Target {
  site: string;
  /** Index of the person's enrolment day in the year. */
  day: number;
  truth: Record<Attribute, string>;
}

/** Responses by family and dimension; the sex series also carries the cohort placed (outcome). */
export type Responses = Record<Family, Record<Dimension, Series>>;

export interface Guess {
  value: string | null;
  /** true when the guess came from a difference, false when it fell back on the prior. */
  fromDifference: boolean;
}

const NONE: SiteFigures = { total: 0, categories: {} };
const figuresAt = (series: Series, day: number, site: string): SiteFigures => series[day]?.get(site) ?? NONE;
const same = (a: SiteFigures, b: SiteFigures) => a.total === b.total && a.placed === b.placed && JSON.stringify(a.categories) === JSON.stringify(b.categories);

/** The pair (smaller population, larger population) of a family at a day index, or null at the year's edge. */
function dayPair(family: Family, day: number, days: number): [number, number] | null {
  if (family === 'from') return day + 1 < days ? [day + 1, day] : null;
  return day >= 1 ? [day - 1, day] : null;
}

/**
 * The pair around the target's block: the first change at or after the target's day (for `from`,
 * the first day whose next day drops people). An attacker who knows that people are released in
 * blocks looks there rather than at the target's own day.
 */
function blockPair(series: Series, family: Family, site: string, day: number): [number, number] | null {
  const n = series.length;
  if (family === 'from') {
    for (let j = day; j + 1 < n; j++) if (!same(figuresAt(series, j, site), figuresAt(series, j + 1, site))) return [j + 1, j];
    return null;
  }
  for (let j = Math.max(1, day); j < n; j++) if (!same(figuresAt(series, j - 1, site), figuresAt(series, j, site))) return [j - 1, j];
  return null;
}

export type Strategy = 'day' | 'block';

/** Category increases summed over the pairs the strategy picks in the three families. */
function increases(responses: Responses, dim: Dimension, target: Target, strategy: Strategy): { categories: Map<string, number>; total: number; placed: number; pairs: number } {
  const categories = new Map<string, number>();
  let total = 0;
  let placed = 0;
  let pairs = 0;
  for (const family of ['to', 'from', 'asOf'] as const) {
    const series = responses[family][dim];
    const pair = strategy === 'day' ? dayPair(family, target.day, series.length) : blockPair(series, family, target.site, target.day);
    if (!pair) continue;
    const small = figuresAt(series, pair[0], target.site);
    const large = figuresAt(series, pair[1], target.site);
    if (same(small, large)) continue;
    pairs++;
    total += large.total - small.total;
    placed += (large.placed ?? 0) - (small.placed ?? 0);
    for (const c of new Set([...Object.keys(large.categories), ...Object.keys(small.categories)])) {
      categories.set(c, (categories.get(c) ?? 0) + (large.categories[c] ?? 0) - (small.categories[c] ?? 0));
    }
  }
  return { categories, total, placed, pairs };
}

/** The attacker's guess of one attribute of one target; `prior` is what it guesses without evidence. */
export function guess(responses: Responses, attribute: Attribute, target: Target, strategy: Strategy, prior: string): Guess {
  const dim: Dimension = attribute === 'outcome' ? 'sex' : attribute;
  const d = increases(responses, dim, target, strategy);
  if (d.pairs === 0) return { value: prior, fromDifference: false };
  if (attribute === 'outcome') {
    if (d.total <= 0) return { value: prior, fromDifference: false };
    return { value: d.placed * 2 >= d.total ? 'placed' : 'not placed', fromDifference: true };
  }
  let best: string | null = null;
  let bestIncrease = 0;
  for (const [c, inc] of d.categories) {
    if (inc > bestIncrease) {
      best = c;
      bestIncrease = inc;
    }
  }
  return best === null ? { value: prior, fromDifference: false } : { value: best, fromDifference: true };
}

export interface AttributeScore {
  attempts: number;
  /** Attempts where the pair differed at all (the rest fell back on the prior). */
  informed: number;
  accuracy: number;
  /** Guessing the commonest category of the target's site, which the site's own published breakdown tells anyone. */
  sitePrior: number;
  /** Guessing the commonest category among all targets. */
  majority: number;
}

/** Scores a strategy over every target, per attribute. `priors` is the commonest category per site and attribute. */
export function score(responses: Responses, targets: readonly Target[], strategy: Strategy, priors: ReadonlyMap<string, Record<Attribute, string>>): Record<Attribute, AttributeScore> {
  const out = {} as Record<Attribute, AttributeScore>;
  for (const attribute of ATTRIBUTES) {
    let right = 0;
    let informed = 0;
    let priorRight = 0;
    const freq = new Map<string, number>();
    for (const t of targets) {
      const prior = priors.get(t.site)?.[attribute] ?? '';
      const g = guess(responses, attribute, t, strategy, prior);
      if (g.value === t.truth[attribute]) right++;
      if (g.fromDifference) informed++;
      if (prior === t.truth[attribute]) priorRight++;
      freq.set(t.truth[attribute], (freq.get(t.truth[attribute]) ?? 0) + 1);
    }
    const n = targets.length;
    out[attribute] = { attempts: n, informed, accuracy: right / n, sitePrior: priorRight / n, majority: Math.max(0, ...freq.values()) / n };
  }
  return out;
}

/**
 * The attacker of the issue, literally: every pair of responses of one family, dimension and site
 * whose requested populations are nested and whose published enrolled counts differ by exactly 1.
 * It guesses the category that grew most; each guess is scored against every person who enrolled
 * in the requested difference (pairs whose requested difference holds nobody are counted apart).
 */
export function literalPairs(
  responses: Responses,
  family: Family,
  days: readonly string[],
  site: string,
  /** The people whose requested dates put them in the larger population and not the smaller: days[i] and days[j], i < j. */
  peopleIn: (dayI: string, dayJ: string) => readonly Record<Attribute, string>[],
): { attempts: number; phantom: number; right: Record<Attribute, number>; scored: Record<Attribute, number> } {
  const right = { sex: 0, legalStatus: 0, ageBand: 0, outcome: 0 };
  const scored = { sex: 0, legalStatus: 0, ageBand: 0, outcome: 0 };
  let attempts = 0;
  let phantom = 0;
  {
    for (const dim of ['sex', 'legalStatus', 'ageBand'] as const) {
      const series = responses[family][dim];
      // Distinct responses only: a day that repeats the previous one adds no pair of its own.
      const distinct: number[] = [];
      for (let i = 0; i < series.length; i++) if (i === 0 || !same(figuresAt(series, i - 1, site), figuresAt(series, i, site))) distinct.push(i);
      for (let a = 0; a < distinct.length; a++) {
        for (let b = a + 1; b < distinct.length; b++) {
          const [i, j] = [distinct[a] as number, distinct[b] as number];
          // to and asOf: the later day has more people; from: the earlier day.
          const [small, large] = family === 'from' ? [j, i] : [i, j];
          const s = figuresAt(series, small, site);
          const l = figuresAt(series, large, site);
          if (l.total - s.total !== 1) continue;
          attempts++;
          const diff = peopleIn(days[i] as string, days[j] as string);
          if (diff.length === 0) {
            phantom++;
            continue;
          }
          const attributes: Attribute[] = dim === 'sex' ? ['sex', 'outcome'] : [dim];
          for (const attribute of attributes) {
            let value: string | null;
            if (attribute === 'outcome') value = (l.placed ?? 0) - (s.placed ?? 0) >= 1 ? 'placed' : 'not placed';
            else {
              value = null;
              let best = 0;
              for (const c of Object.keys(l.categories)) {
                const inc = (l.categories[c] ?? 0) - (s.categories[c] ?? 0);
                if (inc > best) [value, best] = [c, inc];
              }
            }
            for (const p of diff) {
              scored[attribute]++;
              if (p[attribute] === value) right[attribute]++;
            }
          }
        }
      }
    }
  }
  return { attempts, phantom, right, scored };
}
