import { solve, type Coefficients, type Constraint, type Model } from 'yalps';
import type { Cell } from '../kpis/disclosure';

/**
 * One disclosure plan per measure over the whole site hierarchy (docs/adr/0006-disclosure-control.md).
 *
 * The API answers many views of the same measure (by site, country, programme, filtered or not,
 * disaggregated or not). Protecting each response on its own lets an attacker subtract one view
 * from another, so the suppression pattern is decided once for every unit at every level and each
 * response only projects it: whatever combination of responses an attacker collects, they hold a
 * subset of this plan's published entries and of its linear constraints.
 */

export interface SiteRef {
  code: string;
  country: string;
  programme: string;
}

export type Level = 'site' | 'countryProgramme' | 'country' | 'programme' | 'total';

/** Suppression pattern of the totals column (category null), per level and unit key; true = suppressed. Plain data, so callers can cache it. */
export type TotalsPattern = Readonly<Record<Level, Readonly<Record<string, boolean>>>>;

export interface MeasureInput {
  /** Every site, not only those a request filters on: the plan must not depend on the request. */
  sites: readonly SiteRef[];
  /** Column labels; [] = not disaggregated. */
  categories: readonly string[];
  /** true: categories partition each unit's total (sex, age band); false: they overlap (course types). */
  exhaustive: boolean;
  /** counts[siteIndex][categoryIndex], non-negative integers. */
  counts: readonly (readonly number[])[];
  /** totals[siteIndex]: the site's count over all categories (the row sum when exhaustive). */
  totals: readonly number[];
  /**
   * Pattern of the totals column from the plan of the same measure without categories. The other
   * response already told the attacker which totals are published, so that pattern can be neither
   * widened nor narrowed: it is kept and the category cells are protected around it.
   */
  fixedTotals?: TotalsPattern;
  /**
   * Categories whose cells are the last choice for secondary suppression (the plan stays as safe;
   * only which complement is hidden changes): e.g. `female`, since the share of women is a target
   * of every site and a site with a few people of undisclosed sex would otherwise lose it.
   */
  keepCategories?: readonly string[];
}

export interface EntryRef {
  level: Level;
  /** Site code, `${country}|${programme}`, country code, programme code, or 'total'. */
  key: string;
  /** null = the unit's total. */
  category: string | null;
}

export interface PlanEntry extends EntryRef {
  value: number;
  suppressed: boolean;
}

export interface DisclosurePlan {
  /**
   * A unit with no site (a country × programme pair no site has, a filter on an unknown code)
   * counts no one: 0, published. An unknown category is a caller's bug: RangeError.
   */
  cell(level: Level, key: string, category: string | null): Cell;
  totalsPattern(): TotalsPattern;
  /** Every entry, published or suppressed, with its true value (for audits and tests, never for responses). */
  entries(): PlanEntry[];
  /** Every linear relation an attacker knows: parent = Σ children. */
  constraints(): { parent: EntryRef; children: EntryRef[] }[];
}

/** Raised when a fixed totals pattern contradicts the data or leaves a hidden cell unprotectable. */
export class DisclosurePlanError extends Error {
  override readonly name = 'DisclosurePlanError';
}

/**
 * The categories of these sites can never be shown while their totals are published (each is a
 * total of T made of T single people); a plan without them, and without every aggregate that
 * contains them, may still exist.
 */
export class UnprotectableSitesError extends DisclosurePlanError {
  constructor(
    message: string,
    readonly sites: readonly string[],
  ) {
    super(message);
  }
}

export const cpKey = (country: string, programme: string): string => `${country}|${programme}`;

interface Unit {
  level: Level;
  key: string;
}

/** Σ coef·y = rhs over the hidden entries of a component, with y = x − 1 ≥ 0 (hidden means ≥ 1). */
interface Row {
  vars: number[];
  coefs: number[];
  /** Published entries that could be hidden, with their coefficients: they only matter for {@link ComponentAudit.frees}. */
  candidates: number[];
  candidateCoefs: number[];
  rhs: number;
}

// Module constants rather than global lookups in the hot loops: a global lookup costs a hundred
// times more where modules run inside a vm context, as under Jest.
const { abs, min, max, floor } = Math;
const INF = Infinity;

const EPS = 1e-6;
/** Below this a coefficient of the eliminated system is zero: exact ones are small rationals. */
const TINY = 1e-9;
const LEVEL_RANK: Readonly<Record<Level, number>> = { site: 0, countryProgramme: 1, country: 2, programme: 3, total: 4 };
/** Weight of a hidden entry's value by level (see byPreference): aggregates of several sites are cheaper to hide than a site. */
const LEVEL_COST: Readonly<Record<Level, number>> = { site: 1, countryProgramme: 1, country: 0.5, programme: 0.5, total: 1 };
/** Weight of a cell of a kept category (MeasureInput.keepCategories). */
const KEEP_COST = 8;

export function planDisclosure(input: MeasureInput, minCell: number): DisclosurePlan {
  if (!Number.isInteger(minCell) || minCell < 1) throw new RangeError(`planDisclosure: minCell must be a positive integer, got ${minCell}`);
  validate(input);

  // Units in a canonical order (sites by code, then each level by key) so that the plan does not
  // depend on the order the caller happened to read the sites in.
  const siteOrder = input.sites.map((_, i) => i).sort((a, b) => cmp(input.sites[a]?.code ?? '', input.sites[b]?.code ?? ''));
  const cpKeys = uniqueSorted(input.sites.map((s) => cpKey(s.country, s.programme)));
  const countries = uniqueSorted(input.sites.map((s) => s.country));
  const programmes = uniqueSorted(input.sites.map((s) => s.programme));
  const units: Unit[] = [
    ...siteOrder.map((i): Unit => ({ level: 'site', key: input.sites[i]?.code ?? '' })),
    ...cpKeys.map((key): Unit => ({ level: 'countryProgramme', key })),
    ...countries.map((key): Unit => ({ level: 'country', key })),
    ...programmes.map((key): Unit => ({ level: 'programme', key })),
    { level: 'total', key: 'total' },
  ];
  const unitIndex = new Map<string, number>(units.map((u, i) => [unitId(u.level, u.key), i]));
  const uix = (level: Level, key: string): number => {
    const i = unitIndex.get(unitId(level, key));
    if (i === undefined) throw new Error(`unit ${level} ${key} missing`);
    return i;
  };

  const C = input.categories.length;
  const W = C + 1; // columns: categories, then the total (index C)
  const nEntries = units.length * W;
  const value = new Array<number>(nEntries).fill(0);
  const e = (u: number, c: number) => u * W + c;

  // Children of each unit per level, in unit order.
  const cpSites = new Map<number, number[]>();
  const countryCps = new Map<number, number[]>();
  const programmeCps = new Map<number, number[]>();
  const push = (m: Map<number, number[]>, k: number, v: number) => {
    const list = m.get(k);
    if (list) {
      if (!list.includes(v)) list.push(v);
    } else m.set(k, [v]);
  };
  siteOrder.forEach((i, u) => {
    const s = input.sites[i];
    if (!s) return;
    const cp = uix('countryProgramme', cpKey(s.country, s.programme));
    push(cpSites, cp, u);
    push(countryCps, uix('country', s.country), cp);
    push(programmeCps, uix('programme', s.programme), cp);
    for (let c = 0; c < C; c++) value[e(u, c)] = input.counts[i]?.[c] ?? 0;
    value[e(u, C)] = input.totals[i] ?? 0;
  });
  const total = uix('total', 'total');
  const sortedChildren = (m: Map<number, number[]>) => [...m.entries()].sort((a, b) => a[0] - b[0]).map(([p, ch]) => ({ p, ch: [...ch].sort((a, b) => a - b) }));
  const hierarchy = [
    ...sortedChildren(cpSites),
    ...sortedChildren(countryCps),
    ...sortedChildren(programmeCps),
    { p: total, ch: countries.map((k) => uix('country', k)) },
    { p: total, ch: programmes.map((k) => uix('programme', k)) },
  ];
  // Children come before parents in this order, so one pass aggregates every level.
  for (const { p, ch } of hierarchy) {
    if (p === total && ch.length > 0 && units[ch[0] ?? 0]?.level === 'programme') continue; // the same sums again
    for (let c = 0; c < W; c++) value[e(p, c)] = ch.reduce((a, u) => a + (value[e(u, c)] ?? 0), 0);
  }

  // Each constraint as its entries, the parent first.
  const constraints: number[][] = [];
  for (let c = 0; c < W; c++) for (const { p, ch } of hierarchy) constraints.push([e(p, c), ...ch.map((u) => e(u, c))]);
  if (input.exhaustive && C > 0)
    for (let u = 0; u < units.length; u++)
      constraints.push([
        e(u, C),
        ...Array.from({ length: C }, (_, c) => e(u, c)),
      ]);
  const entryConstraints: number[][] = Array.from({ length: nEntries }, () => []);
  constraints.forEach((k, ki) => k.forEach((x) => entryConstraints[x]?.push(ki)));

  const level = (x: number): Level => units[floor(x / W)]?.level ?? 'total';
  const describe = (x: number) => {
    const u = units[floor(x / W)];
    return `${u?.level} ${u?.key} ${x % W === C ? 'total' : input.categories[x % W]}`;
  };
  // A site's own entry that no pattern protects: the publisher may leave that site out (with
  // every aggregate holding it) and plan the others, as for a total made of single people.
  const unprotectableEntry = (x: number, message: string): DisclosurePlanError => {
    const unit = units[floor(x / W)];
    return unit?.level === 'site' ? new UnprotectableSitesError(message, [unit.key]) : new DisclosurePlanError(message);
  };
  const unprotectableAt = (total: number) =>
    new DisclosurePlanError(`cannot protect the categories of ${describe(total)}: its published total ${value[total] ?? 0} is made of as many single people, so each would be known`);
  const hidden = value.map((v) => v > 0 && v < minCell);
  const fixed = new Array<boolean>(nEntries).fill(false);
  if (input.fixedTotals) {
    for (let u = 0; u < units.length; u++) {
      const unit = units[u];
      if (!unit) continue;
      const byKey = input.fixedTotals[unit.level];
      if (!Object.hasOwn(byKey, unit.key)) throw new DisclosurePlanError(`fixedTotals has no ${unit.level} ${unit.key}: it comes from a plan over other sites`);
      const x = e(u, C);
      const h = byKey[unit.key] === true;
      const v = value[x] ?? 0;
      // Both would mean the two plans were made from different data, and either publishes a small count or breaks "hidden ⇒ ≥ 1".
      if (!h && v > 0 && v < minCell) throw new DisclosurePlanError(`fixedTotals publishes ${unit.level} ${unit.key} whose total ${v} is below ${minCell}`);
      if (h && v === 0) throw new DisclosurePlanError(`fixedTotals hides ${unit.level} ${unit.key} whose total is 0`);
      hidden[x] = h;
      fixed[x] = true;
    }
  }

  // A unit whose published total T is made of exactly T ones, all small: hidden entries are known
  // to be ≥ 1 and the rest are zeros, so each one is exactly 1 whatever else is hidden (a site with
  // 5 placements in 5 different months). Say so at once instead of searching for a pattern.
  if (input.fixedTotals && input.exhaustive && C > 0 && minCell > 1) {
    const offending: number[] = [];
    for (let u = 0; u < units.length; u++) {
      const total = e(u, C);
      if (hidden[total] || (value[total] ?? 0) === 0) continue;
      const cells = Array.from({ length: C }, (_, c) => value[e(u, c)] ?? 0).filter((v) => v > 0);
      if (cells.every((v) => v === 1) && cells.length === value[total]) offending.push(u);
    }
    const first = offending[0];
    if (first !== undefined) {
      const sites = offending.flatMap((u) => (units[u]?.level === 'site' ? [units[u]?.key ?? ''] : []));
      throw new UnprotectableSitesError(unprotectableAt(e(first, C)).message, sites);
    }
  }

  // Zeros and fixed published totals are public for good. An entry they determine (cp = site + 0
  // with the site's total fixed and its other categories 0, or any longer chain) could never be
  // protected once hidden, so it is never chosen as a complement. Without fixed entries only zeros
  // are permanent, and a homogeneous system determines nothing non-zero.
  const blocked = new Array<boolean>(nEntries).fill(false);
  if (input.fixedTotals) {
    const permanent = (x: number) => value[x] === 0 || (fixed[x] === true && !hidden[x]);
    const seen = new Set<number>();
    for (let start = 0; start < nEntries; start++) {
      if (permanent(start) || seen.has(start)) continue;
      const comp = [start];
      seen.add(start);
      for (let i = 0; i < comp.length; i++)
        for (const ki of entryConstraints[comp[i] ?? 0] ?? [])
          for (const o of constraints[ki] ?? [])
            if (!permanent(o) && !seen.has(o)) {
              seen.add(o);
              comp.push(o);
            }
      const local = new Map<number, number>(comp.map((x, j) => [x, j]));
      const rows = uniqueSorted(comp.flatMap((x) => entryConstraints[x] ?? [])).map((ki): Row => {
        const row: Row = { vars: [], coefs: [], candidates: [], candidateCoefs: [], rhs: 0 };
        (constraints[ki] ?? []).forEach((x, pos) => {
          const j = local.get(x);
          if (j !== undefined) {
            row.vars.push(j);
            row.coefs.push(pos === 0 ? 1 : -1);
          }
        });
        return row;
      });
      for (const j of new ComponentAudit(rows, comp.map(() => 0), 0).determined) blocked[comp[j] ?? 0] = true;
    }
    const exposed = blocked.findIndex((b, x) => b && hidden[x]);
    if (exposed >= 0) throw unprotectableEntry(exposed, `${describe(exposed)} is determined by zeros and the published totals: no suppression pattern protects it`);

    // The same question with the bounds: hide everything that may be hidden at once. A pattern
    // hides a subset of that, and the attacker's polytope for a subset is a slice of this one
    // (the extra entries at their true values), so an entry this pattern cannot move by a whole
    // unit is pinned by every pattern: e.g. two small sites of a programme whose totals are
    // hidden as a pair under a published programme total, each made of single people. Asked
    // only of the entries that must be hidden, and before the search, because the search cannot
    // tell a hard case from an impossible one and would spend minutes of LPs to find out.
    const must = hidden.flatMap((h, x) => (h ? [x] : []));
    if (must.length > 0) {
      const maximal = (x: number) => hidden[x] === true || (!fixed[x] && !blocked[x] && (value[x] ?? 0) > 0);
      const seenMax = new Set<number>();
      for (const start of must) {
        if (seenMax.has(start)) continue;
        const comp = [start];
        seenMax.add(start);
        for (let i = 0; i < comp.length; i++)
          for (const ki of entryConstraints[comp[i] ?? 0] ?? [])
            for (const o of constraints[ki] ?? [])
              if (maximal(o) && !seenMax.has(o)) {
                seenMax.add(o);
                comp.push(o);
              }
        comp.sort((a, b) => a - b);
        const local = new Map<number, number>(comp.map((x, j) => [x, j]));
        const rows = uniqueSorted(comp.flatMap((x) => entryConstraints[x] ?? [])).map((ki): Row => {
          const row: Row = { vars: [], coefs: [], candidates: [], candidateCoefs: [], rhs: 0 };
          (constraints[ki] ?? []).forEach((x, pos) => {
            const coef = pos === 0 ? 1 : -1;
            const j = local.get(x);
            if (j === undefined) row.rhs -= coef * (value[x] ?? 0);
            else {
              row.vars.push(j);
              row.coefs.push(coef);
              row.rhs -= coef;
            }
          });
          return row;
        });
        const audit = new ComponentAudit(rows, comp.map((x) => (value[x] ?? 0) - 1), 0);
        const pinned = audit.pinnedAmong(comp.flatMap((x, j) => (hidden[x] ? [j] : [])))[0];
        if (pinned !== undefined) {
          const x = comp[pinned] ?? 0;
          throw unprotectableEntry(x, `cannot protect ${describe(x)}: zeros and the published totals pin it even with every other entry hidden`);
        }
      }
    }
  }

  const hiddenCount = constraints.map((k) => k.filter((x) => hidden[x]).length);
  const hide = (x: number) => {
    hidden[x] = true;
    for (const ki of entryConstraints[x] ?? []) hiddenCount[ki] = (hiddenCount[ki] ?? 0) + 1;
  };
  const eligible = (x: number) => !hidden[x] && !fixed[x] && !blocked[x] && (value[x] ?? 0) > 0;
  // Cheapest first, then the lowest level, then unit order. The cost is the value, halved for a
  // country or programme aggregate: sites are what leads and evaluators compare, so a small site
  // next to a large one in its country should cost the country's total rather than the large
  // site's count (which would also cascade through that site's programme to other countries).
  const keep = new Set((input.keepCategories ?? []).map((c) => input.categories.indexOf(c)).filter((c) => c >= 0));
  const cost = (x: number) => (value[x] ?? 0) * LEVEL_COST[level(x)] * (keep.has(x % W) ? KEEP_COST : 1);
  const byPreference = (a: number, b: number) => cost(a) - cost(b) || LEVEL_RANK[level(a)] - LEVEL_RANK[level(b)] || a - b;

  /** Hidden entries linked to `start` through constraints with ≥ 2 hidden entries, sorted. */
  const componentOf = (start: number): number[] => {
    const seen = new Set<number>([start]);
    const queue = [start];
    for (let x = queue.pop(); x !== undefined; x = queue.pop())
      for (const ki of entryConstraints[x] ?? [])
        for (const o of constraints[ki] ?? [])
          if (hidden[o] && !seen.has(o)) {
            seen.add(o);
            queue.push(o);
          }
    return [...seen].sort((a, b) => a - b);
  };

  // Hiding more only takes information away from the attacker: a feasible point that moved an
  // entry by a whole unit stays feasible (with the newly hidden entries at their true values), so
  // an entry once shown movable never needs another LP.
  const movable = new Array<boolean>(nEntries).fill(false);

  /** The attacker's view of one component: its constraints over its hidden entries, and the entries that could be hidden next. */
  const auditOf = (vars: readonly number[]): { audit: ComponentAudit; candidates: number[] } => {
    const local = new Map<number, number>(vars.map((x, i) => [x, i]));
    const kis = uniqueSorted(vars.flatMap((x) => entryConstraints[x] ?? []));
    const candidates = uniqueSorted(kis.flatMap((ki) => constraints[ki] ?? []).filter(eligible));
    const candLocal = new Map<number, number>(candidates.map((x, i) => [x, i]));
    const rows: Row[] = kis.map((ki) => {
      const row: Row = { vars: [], coefs: [], candidates: [], candidateCoefs: [], rhs: 0 };
      (constraints[ki] ?? []).forEach((x, pos) => {
        const coef = pos === 0 ? 1 : -1;
        const j = local.get(x);
        if (j === undefined) {
          row.rhs -= coef * (value[x] ?? 0);
          const c = candLocal.get(x);
          if (c !== undefined) {
            row.candidates.push(c);
            row.candidateCoefs.push(coef);
          }
        } else {
          row.vars.push(j);
          row.coefs.push(coef);
          row.rhs -= coef; // the constant part of x = 1 + y
        }
      });
      return row;
    });
    const audit = new ComponentAudit(
      rows,
      vars.map((x) => (value[x] ?? 0) - 1),
      candidates.length,
      vars.map((x) => movable[x] === true),
    );
    return { audit, candidates };
  };

  // A constraint with a single hidden entry gives it away by subtraction: the cheap, common case.
  const sweepSingletons = (): boolean => {
    let changed = false;
    for (let ki = 0; ki < constraints.length; ki++) {
      if (hiddenCount[ki] !== 1) continue;
      const k = constraints[ki] ?? [];
      const pick = k.filter(eligible).sort(byPreference)[0];
      if (pick === undefined) throw unprotectable(k.find((x) => hidden[x]) ?? 0);
      hide(pick);
      changed = true;
    }
    return changed;
  };

  const near = (x: number) => new Set((entryConstraints[x] ?? []).flatMap((ki) => constraints[ki] ?? []));

  /**
   * Entries the linear system determines exactly. Hiding a candidate adds one degree of freedom
   * (when its column lies in the span of the hidden ones), which frees every determined entry it
   * touches: a greedy cover, smallest candidates first, those sharing a constraint with the entry
   * before the rest.
   */
  const protectDetermined = (vars: readonly number[], audit: ComponentAudit, candidates: readonly number[]) => {
    let remaining = [...audit.determined];
    const available = new Set(candidates.map((_, c) => c));
    while (remaining.length > 0) {
      const j = remaining[0] ?? 0;
      const x = vars[j] ?? 0;
      const around = near(x);
      const freeing = [...available].filter((c) => audit.frees(c, j)).sort((a, b) => byPreference(candidates[a] ?? 0, candidates[b] ?? 0));
      const c = freeing.find((c) => around.has(candidates[c] ?? -1)) ?? freeing[0];
      if (c === undefined) {
        // No single entry frees it (two must be hidden together, e.g. to close a cycle): hide the
        // best one next to it and let the next audit ask for the other.
        const pick = [...around].filter(eligible).sort(byPreference)[0] ?? candidates.filter(eligible).sort(byPreference)[0];
        if (pick === undefined) throw unprotectable(x);
        hide(pick);
        return;
      }
      hide(candidates[c] ?? 0);
      available.delete(c);
      remaining = remaining.filter((r) => !audit.frees(c, r));
    }
  };

  /**
   * Entry x is pinned only through the bounds x ≥ 1 (say a + b = 2). Candidates are tried nearest
   * first (constraint hops from x through hidden entries), each as one more free variable of the
   * current audit, which needs no new elimination; the next audit checks the constraints the
   * chosen entry brings with it.
   */
  const protectBounded = (vars: readonly number[], audit: ComponentAudit, candidates: readonly number[], j: number) => {
    const x = vars[j] ?? 0;
    const hops = new Map<number, number>([[x, 0]]);
    const queue = [x];
    for (let h = queue.shift(); h !== undefined; h = queue.shift())
      for (const ki of entryConstraints[h] ?? [])
        for (const o of constraints[ki] ?? [])
          if (hidden[o] && !hops.has(o)) {
            hops.set(o, (hops.get(h) ?? 0) + 1);
            queue.push(o);
          }
    const distances = new Map<number, number>();
    for (const c of candidates) {
      let d = INF;
      for (const ki of entryConstraints[c] ?? []) for (const o of constraints[ki] ?? []) d = min(d, hops.get(o) ?? INF);
      distances.set(c, d);
    }
    const distance = (c: number) => distances.get(c) ?? INF;
    const order = candidates.map((_, c) => c).sort((a, b) => distance(candidates[a] ?? 0) - distance(candidates[b] ?? 0) || byPreference(candidates[a] ?? 0, candidates[b] ?? 0));
    const truthOf = (c: number) => (value[candidates[c] ?? 0] ?? 0) - 1;
    // Layer by layer: an entry that frees x by itself, else one that would once it is protected in turn.
    let c: number | undefined;
    for (let i = 0; i < order.length && c === undefined; ) {
      const d = distance(candidates[order[i] ?? 0] ?? 0);
      let end = i;
      while (end < order.length && distance(candidates[order[end] ?? 0] ?? 0) === d) end++;
      const layer = order.slice(i, end);
      const all = layer.map((c) => ({ c, truth: truthOf(c) }));
      // Most layers hold no entry that frees x (in a large component, by far): one LP per pass
      // says so for the whole layer instead of two per candidate, and leaves the choice as it was.
      const pass = (strict: boolean) => (audit.pinnedWithEvery(j, all, strict) ? undefined : layer.find((c) => !audit.pinnedWith(j, c, truthOf(c), strict)));
      c = pass(true) ?? pass(false);
      i = end;
    }
    c ??= order[0];
    if (c === undefined) throw unprotectable(x);
    hide(candidates[c] ?? 0);
  };

  const unprotectable = (x: number) => new DisclosurePlanError(`cannot protect ${describe(x)}: every entry around it is zero or fixed`);

  // Each round hides at least one more entry, so this ends within nEntries rounds.
  const cleanComponents = new Set<string>();
  for (;;) {
    if (sweepSingletons()) continue;
    let acted = false;
    const done = new Set<number>();
    for (let x = 0; x < nEntries && !acted; x++) {
      if (!hidden[x] || done.has(x)) continue;
      const comp = componentOf(x);
      comp.forEach((y) => done.add(y));
      const id = comp.join(',');
      if (cleanComponents.has(id)) continue;
      const { audit, candidates } = auditOf(comp);
      if (audit.determined.length > 0) {
        protectDetermined(comp, audit, candidates);
        acted = true;
        continue;
      }
      const { pinned: allPinned, movable: shown } = audit.boundPinned(undefined, true);
      shown.forEach((j) => (movable[comp[j] ?? 0] = true));
      const pinned = allPinned[0];
      if (pinned !== undefined) {
        protectBounded(comp, audit, candidates, pinned);
        acted = true;
        continue;
      }
      cleanComponents.add(id);
    }
    if (!acted) break;
  }

  return frozenPlan(units, unitIndex, input.categories, value, hidden, constraints);
}

/**
 * The finished plan in compact arrays. Callers cache plans for as long as their numbers stand
 * (PublisherService), and a closure made inside planDisclosure would keep the whole search's
 * working state alive with it (V8 shares one context between a function's closures): ten times
 * the memory of what a plan needs to answer.
 */
function frozenPlan(
  units: readonly Unit[],
  unitIndex: ReadonlyMap<string, number>,
  categoryList: readonly string[],
  value: readonly number[],
  hidden: readonly boolean[],
  constraintList: readonly (readonly number[])[],
): DisclosurePlan {
  const categories = [...categoryList];
  const C = categories.length;
  const W = C + 1;
  const values = Float64Array.from(value);
  const suppressed = Uint8Array.from(hidden, (h) => (h ? 1 : 0));
  const offsets = new Int32Array(constraintList.length + 1);
  constraintList.forEach((k, i) => (offsets[i + 1] = (offsets[i] ?? 0) + k.length));
  const members = Int32Array.from(constraintList.flat());
  const nConstraints = constraintList.length;
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const ref = (x: number): EntryRef => {
    const u = units[floor(x / W)] ?? { level: 'total', key: 'total' };
    const c = x % W;
    return { level: u.level, key: u.key, category: c === C ? null : (categories[c] ?? null) };
  };
  /** The entry, or undefined for a unit without sites. */
  const find = (lvl: Level, key: string, category: string | null): number | undefined => {
    const c = category === null ? C : categoryIndex.get(category);
    if (c === undefined) throw new RangeError(`disclosure plan: no category ${category}`);
    const u = unitIndex.get(unitId(lvl, key));
    return u === undefined ? undefined : u * W + c;
  };
  return {
    cell(lvl, key, category) {
      const x = find(lvl, key, category);
      if (x === undefined) return { value: 0, suppressed: false };
      return suppressed[x] === 1 ? { value: null, suppressed: true } : { value: values[x] ?? 0, suppressed: false };
    },
    totalsPattern() {
      const pattern: Record<Level, Record<string, boolean>> = { site: {}, countryProgramme: {}, country: {}, programme: {}, total: {} };
      units.forEach((u, i) => (pattern[u.level][u.key] = suppressed[i * W + C] === 1));
      return pattern;
    },
    entries() {
      return Array.from(values, (v, x) => ({ ...ref(x), value: v, suppressed: suppressed[x] === 1 }));
    },
    constraints() {
      return Array.from({ length: nConstraints }, (_, i) => {
        const k = Array.from(members.subarray(offsets[i] ?? 0, offsets[i + 1] ?? 0));
        return { parent: ref(k[0] ?? 0), children: k.slice(1).map(ref) };
      });
    },
  };
}

/**
 * The attacker's knowledge of one connected component of hidden entries, in y = x − 1 ≥ 0 (hidden
 * means ≥ 1): the constraints touching the component, brought to reduced row echelon form. Pivot
 * variables are then affine in the free ones, y_p = b_p − Σ_f R_pf·y_f, so
 *  - an entry whose row has no free variable is determined by linear algebra alone;
 *  - any other entry is pinned only if the bounds y ≥ 0 squeeze it: an LP over the free
 *    variables (far fewer than the entries) decides, after cheap certificates (moves along one
 *    free variable at a time from the true values) have cleared most entries.
 * Candidate columns (published entries that could be hidden) ride along in the elimination to
 * tell which of them would free a determined entry.
 */
class ComponentAudit {
  readonly determined: number[] = [];
  private readonly n: number;
  private readonly width: number;
  private readonly m: Float64Array;
  private readonly rank: number;
  private readonly rows: number;
  /** Row of each pivot variable, −1 for free variables. */
  private readonly pivotRow: Int32Array;
  private readonly free: number[] = [];
  private readonly pivots: number[] = [];
  private clearedCache: boolean[] | undefined;
  /** Sparse copies of the eliminated system: free coefficients per pivot row, per free column, and the right-hand sides. */
  private readonly rowTerms: [number, number][][] = [];
  private readonly colTerms: [number, number][][] = [];
  private readonly b: number[] = [];

  constructor(
    rows: readonly Row[],
    private readonly truth: readonly number[],
    candidates: number,
    /** Variables already known to move by a whole unit. */
    private readonly knownMovable: readonly boolean[] = [],
  ) {
    const n = truth.length;
    this.n = n;
    const W = n + candidates + 1;
    this.width = W;
    this.rows = rows.length;
    const m = new Float64Array(rows.length * W);
    rows.forEach((r, i) => {
      r.vars.forEach((j, t) => (m[i * W + j] = r.coefs[t] ?? 0));
      r.candidates.forEach((c, t) => (m[i * W + n + c] = r.candidateCoefs[t] ?? 0));
      m[i * W + W - 1] = r.rhs;
    });
    this.m = m;
    this.pivotRow = new Int32Array(n).fill(-1);
    let rank = 0;
    for (let j = 0; j < n; j++) {
      let best = -1;
      let bestAbs = TINY;
      for (let r = rank; r < rows.length; r++) {
        const a = abs(m[r * W + j] ?? 0);
        if (a > bestAbs) {
          best = r;
          bestAbs = a;
        }
      }
      if (best < 0) {
        this.free.push(j);
        continue;
      }
      if (best !== rank) {
        const tmp = m.slice(best * W, best * W + W);
        m.copyWithin(best * W, rank * W, rank * W + W);
        m.set(tmp, rank * W);
      }
      const p = rank * W;
      const pv = m[p + j] ?? 1;
      const nz: number[] = [];
      for (let c = 0; c < W; c++) {
        const v = m[p + c] ?? 0;
        if (abs(v) > TINY) {
          m[p + c] = v / pv;
          nz.push(c);
        } else m[p + c] = 0;
      }
      for (let r = 0; r < rows.length; r++) {
        if (r === rank) continue;
        const f = m[r * W + j] ?? 0;
        if (abs(f) <= TINY) continue;
        for (const c of nz) m[r * W + c] = (m[r * W + c] ?? 0) - f * (m[p + c] ?? 0);
        m[r * W + j] = 0;
      }
      this.pivotRow[j] = rank;
      this.pivots.push(j);
      rank++;
    }
    this.rank = rank;
    for (const f of this.free) this.colTerms[f] = [];
    for (const p of this.pivots) {
      const terms: [number, number][] = [];
      for (const f of this.free) {
        const r = this.at(p, f);
        if (abs(r) > TINY) {
          terms.push([f, r]);
          this.colTerms[f]?.push([p, r]);
        }
      }
      this.rowTerms[p] = terms;
      this.b[p] = this.at(p, W - 1);
      if (terms.length === 0) this.determined.push(p);
    }
  }

  /** R_jf: coefficient of free variable f in pivot variable j's row. */
  private at(j: number, col: number): number {
    const r = this.pivotRow[j] ?? -1;
    return r < 0 ? 0 : (this.m[r * this.width + col] ?? 0);
  }

  /** Whether hiding candidate c adds a degree of freedom that moves determined variable j. */
  frees(c: number, j: number): boolean {
    return this.consistent(c) && abs(this.at(j, this.n + c)) > TINY;
  }

  /** Moving free variable f alone by s (others follow through their rows) keeps y ≥ 0 for s ∈ [−down, up]. */
  private get cleared(): boolean[] {
    this.clearedCache ??= this.certify();
    return this.clearedCache;
  }

  private certify(): boolean[] {
    const cleared = new Array<boolean>(this.n).fill(false);
    const t = this.truth;
    for (const f of this.free) {
      let up = INF;
      let down = t[f] ?? 0;
      const moved: [number, number][] = [[f, 1]];
      for (const [p, r] of this.colTerms[f] ?? []) {
        const d = -r;
        moved.push([p, d]);
        if (d < 0) up = min(up, (t[p] ?? 0) / -d);
        else down = min(down, (t[p] ?? 0) / d);
      }
      for (const [i, d] of moved) if (abs(d) * max(up, down) >= 1 - EPS) cleared[i] = true;
    }
    return cleared;
  }

  /** Of `targets`, those no feasible point moves by a whole unit (determined ones included). */
  pinnedAmong(targets: readonly number[]): number[] {
    const isDetermined = new Set(this.determined);
    const determined = targets.filter((j) => isDetermined.has(j));
    if (determined.length > 0) return determined;
    const wanted = new Set(targets);
    return this.boundPinned((j) => !wanted.has(j), true).pinned;
  }

  /**
   * Variables pinned by the bounds (determined ones excluded: they are pinned anyway; `ignore`d
   * ones not asked about), in order, and those shown movable. `firstOnly`: stop at the first pinned.
   */
  boundPinned(ignore?: (j: number) => boolean, firstOnly = false): { pinned: number[]; movable: number[] } {
    const freed = this.cleared.map((c, j) => c || this.knownMovable[j] === true || ignore?.(j) === true);
    for (const j of this.determined) freed[j] = true;
    const record = (y: readonly number[]) =>
      y.forEach((v, j) => {
        if (abs(v - (this.truth[j] ?? 0)) >= 1 - EPS) freed[j] = true;
      });
    const open = () => freed.flatMap((f, j) => (f ? [] : [j]));
    // Objectives over every variable still in doubt settle many at once; the rest get their own.
    for (const direction of ['maximize', 'minimize'] as const)
      for (;;) {
        const before = open();
        const targets = direction === 'minimize' ? before.filter((j) => (this.truth[j] ?? 0) >= 1) : before;
        if (targets.length === 0) break;
        const y = this.optimise(targets, direction);
        if (y === 'unbounded') break;
        record(y);
        if (open().length === before.length) break;
      }
    const pinned: number[] = [];
    for (const j of open()) {
      if (freed[j]) continue;
      if (this.movable(j, record)) freed[j] = true;
      else {
        pinned.push(j);
        // Callers act on the first pinned entry and audit again, so the LPs for the others
        // would be repeated next round anyway (those shown movable are remembered).
        if (firstOnly) break;
      }
    }
    const isDetermined = new Set(this.determined);
    return { pinned, movable: freed.flatMap((f, j) => (f && !isDetermined.has(j) ? [j] : [])) };
  }

  /**
   * Whether variable j stays pinned once candidate c is hidden too, its value truthC, judging by
   * the constraints already in this audit: c joins as one more free variable (if its column is
   * not in the span of the hidden ones, the constraints determine c and nothing is gained).
   */
  pinnedWith(j: number, c: number, truthC: number, strict: boolean): boolean {
    if (strict && !this.consistent(c)) return true;
    const col = this.n + c;
    // Moving c alone first: often enough, and no LP.
    let up = INF;
    let down = truthC;
    for (const p of this.pivots) {
      const d = -this.at(p, col);
      if (d < -TINY) up = min(up, (this.truth[p] ?? 0) / -d);
      else if (d > TINY) down = min(down, (this.truth[p] ?? 0) / d);
    }
    if (abs(this.at(j, col)) * max(up, down) >= 1 - EPS) return false;
    return this.pinnedWithAll(j, [{ col, truth: truthC }]);
  }

  /**
   * Whether variable j stays pinned with every one of `cs` hidden together. Each candidate's own
   * polytope is a slice of this one (the others at their true values), so when j is pinned here
   * it is pinned with any one of them alone: one LP rules out a whole layer of candidates.
   */
  pinnedWithEvery(j: number, cs: readonly { c: number; truth: number }[], strict: boolean): boolean {
    const extras = cs.filter(({ c }) => !strict || this.consistent(c)).map(({ c, truth }) => ({ col: this.n + c, truth }));
    return extras.length === 0 || this.pinnedWithAll(j, extras);
  }

  private pinnedWithAll(j: number, extras: readonly { col: number; truth: number }[]): boolean {
    const t = this.truth[j] ?? 0;
    const hi = this.optimise([j], 'maximize', extras);
    if (hi === 'unbounded' || (hi[j] ?? 0) >= t + 1 - EPS) return false;
    if (t < 1) return true;
    const lo = this.optimise([j], 'minimize', extras);
    return lo !== 'unbounded' && (lo[j] ?? 0) > t - 1 + EPS;
  }

  private movable(j: number, record: (y: readonly number[]) => void): boolean {
    const t = this.truth[j] ?? 0;
    const up = this.optimise([j], 'maximize');
    if (up === 'unbounded') return true;
    record(up);
    if ((up[j] ?? 0) >= t + 1 - EPS) return true;
    if (t < 1) return false;
    const down = this.optimise([j], 'minimize');
    if (down === 'unbounded') return true;
    record(down);
    return (down[j] ?? 0) <= t - 1 + EPS;
  }

  private consistent(c: number): boolean {
    const col = this.n + c;
    for (let r = this.rank; r < this.rows; r++) if (abs(this.m[r * this.width + col] ?? 0) > TINY) return false;
    return true;
  }

  /** Optimises Σ y_j over `objective`, in the free variables (and the `extras` candidate columns); returns every variable's value. */
  private optimise(objective: readonly number[], direction: 'maximize' | 'minimize', extras: readonly { col: number; truth: number }[] = []): number[] | 'unbounded' {
    const OBJ = -1;
    // Extra candidate columns are variables n, n + 1, … (past the component's own).
    const X = this.n;
    const weight = new Map<number, number>();
    for (const j of objective) {
      if (this.pivotRow[j] === -1) weight.set(j, (weight.get(j) ?? 0) + 1);
      else {
        for (const [f, r] of this.rowTerms[j] ?? []) weight.set(f, (weight.get(f) ?? 0) - r);
        extras.forEach((x, i) => weight.set(X + i, (weight.get(X + i) ?? 0) - this.at(j, x.col)));
      }
    }
    const rhsOf = (p: number) => {
      let v = this.b[p] ?? 0;
      for (const x of extras) v += this.at(p, x.col) * x.truth;
      return v;
    };
    const constraints: [number, Constraint][] = [];
    const extraCoefs: [number, number][][] = extras.map(() => []);
    for (const p of this.pivots) {
      let touched = (this.rowTerms[p]?.length ?? 0) > 0;
      extras.forEach((x, i) => {
        const r = this.at(p, x.col);
        if (abs(r) > TINY) {
          extraCoefs[i]?.push([p, r]);
          touched = true;
        }
      });
      if (touched) constraints.push([p, { max: rhsOf(p) }]);
    }
    const withObjective = (v: number, coefs: [number, number][]): [number, Coefficients<number>] => {
      const w = weight.get(v);
      return [v, w === undefined ? coefs : [...coefs, [OBJ, w]]];
    };
    const variables = this.free.map((f) => withObjective(f, this.colTerms[f] ?? []));
    extras.forEach((_, i) => variables.push(withObjective(X + i, extraCoefs[i] ?? [])));
    const model: Model<number, number> = { direction, objective: OBJ, constraints, variables };
    const s = solve(model, { includeZeroVariables: true, maxPivots: 100_000 });
    if (s.status === 'unbounded') return 'unbounded';
    // The true values are feasible, so anything else is a solver failure: fail closed.
    if (s.status !== 'optimal') throw new Error(`disclosure audit: LP ${s.status}`);
    const y = new Array<number>(this.n).fill(0);
    const yx = extras.map(() => 0);
    for (const [f, v] of s.variables) {
      if (f >= X) yx[f - X] = v;
      else y[f] = v;
    }
    for (const p of this.pivots) {
      let v = rhsOf(p);
      extras.forEach((x, i) => (v -= this.at(p, x.col) * (yx[i] ?? 0)));
      for (const [f, r] of this.rowTerms[p] ?? []) v -= r * (y[f] ?? 0);
      y[p] = v;
    }
    return y;
  }
}

function validate(input: MeasureInput): void {
  const { sites, categories, counts, totals } = input;
  const codes = new Set<string>();
  for (const s of sites) {
    if (codes.has(s.code)) throw new RangeError(`planDisclosure: duplicate site ${s.code}`);
    codes.add(s.code);
  }
  if (new Set(categories).size !== categories.length) throw new RangeError('planDisclosure: duplicate category');
  if (counts.length !== sites.length || totals.length !== sites.length) throw new RangeError('planDisclosure: counts and totals need one row per site');
  const isCount = (v: number) => Number.isInteger(v) && v >= 0;
  sites.forEach((s, i) => {
    const row = counts[i] ?? [];
    const t = totals[i] ?? 0;
    if (row.length !== categories.length) throw new RangeError(`planDisclosure: site ${s.code} has ${row.length} counts for ${categories.length} categories`);
    if (!isCount(t) || row.some((v) => !isCount(v))) throw new RangeError(`planDisclosure: site ${s.code} has a count that is not a non-negative integer`);
    if (input.exhaustive && categories.length > 0 && row.reduce((a, b) => a + b, 0) !== t) throw new RangeError(`planDisclosure: site ${s.code} total ${t} is not the sum of its exhaustive categories`);
  });
}

const unitId = (level: Level, key: string) => `${level}\u0000${key}`;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
function uniqueSorted<T extends string | number>(xs: readonly T[]): T[] {
  return [...new Set(xs)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : cmp(String(a), String(b))));
}
