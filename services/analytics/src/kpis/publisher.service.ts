import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '@meic/service-kit';
import { DisclosurePlanError, planDisclosure, UnprotectableSitesError, type Level, type SiteRef, type TotalsPattern } from '../disclosure/disclosure-plan';
import type { Cell } from './disclosure';
import { MIN_CELL } from './kpis.tokens';

export type { Level, SiteRef };

/** One measure counted per site (and per site × category), ready to publish. */
export interface MeasureCounts {
  /** Digest of the sites and their totals: equal keys ⇒ the same totals plan. */
  key: string;
  sites: readonly SiteRef[];
  categories: readonly string[];
  exhaustive: boolean;
  counts: readonly (readonly number[])[];
  totals: readonly number[];
  /** Categories to keep published where another complement will do (see MeasureInput.keepCategories). */
  keepCategories?: readonly string[];
}

/** What one reader may see of a measure: a cell for every unit of every level. */
export interface PublishedMeasure {
  cell(level: Level, key: string, category?: string | null): Cell;
}

/**
 * Plans kept, least recently used first out. A plan is a pure function of its key (the digests
 * below cover every number it is made from), so an entry never goes stale and needs no expiry:
 * an expiry would only make some reader wait for a plan of unchanged data again. New data makes
 * new keys, and the bound keeps the memory of the old ones in check: a cached plan is a few
 * typed arrays (some 25 KB for 13 sites × 25 months, bench/disclosure-plan.bench.mjs), so the
 * cache stays within a few MB, some tens for the largest series (120 buckets).
 */
export const MAX_PLANS = 256;

interface CachedPlan {
  pattern: TotalsPattern;
  plan: PublishedMeasure;
}

/**
 * Turns counts into what a reader may see. For `site_staff` the counts of their own sites, as they
 * are. For every other role one disclosure plan per measure over the whole site hierarchy
 * (docs/adr/0006), so that every response — grouped by site, country or programme, filtered or
 * not, disaggregated or not — is a projection of the same pattern and none can be combined with
 * another to recover a hidden cell.
 */
@Injectable()
export class PublisherService {
  /** Insertion order is recency order: a hit is moved to the end, the first key is evicted. */
  private readonly plans = new Map<string, CachedPlan>();

  constructor(@Inject(MIN_CELL) readonly minCell: number) {}

  confined(principal: Principal): boolean {
    return principal.role !== 'site_staff';
  }

  /** Sites a principal may see figures of; null = all. */
  visibleSites(principal: Principal): readonly string[] | null {
    return principal.role === 'site_staff' ? principal.sites : null;
  }

  publish(principal: Principal, m: MeasureCounts): PublishedMeasure {
    if (!this.confined(principal)) {
      const allowed = new Set(principal.sites);
      return openMeasure({ ...m, sites: m.sites, counts: m.counts, totals: m.totals }, (code) => allowed.has(code));
    }
    // The totals column is decided by the measure without categories, so that the overview
    // (no categories) and every breakdown of the same measure hide the same totals.
    // The caller's key is meant to cover the sites and totals; hashed here again so that a
    // caller's mistake cannot pin a plan of other numbers in a cache that no longer expires.
    const totalsKey = `${m.key}|${digest([m.sites, m.totals])}|totals`;
    let base = this.cached(totalsKey);
    if (!base) {
      const plan = planDisclosure({ sites: m.sites, categories: [], exhaustive: true, counts: m.sites.map(() => []), totals: m.totals }, this.minCell);
      base = this.remember(totalsKey, plan.totalsPattern(), { cell: (level, key, category) => plan.cell(level, key, category ?? null) });
    }
    if (m.categories.length === 0) return base.plan;
    const key = `${totalsKey}|${m.exhaustive}|${digest([m.categories, m.counts, m.keepCategories ?? []])}`;
    const cached = this.cached(key);
    if (cached) return cached.plan;
    let categorised: PublishedMeasure;
    try {
      categorised = this.planCategories(m, base.pattern, base.plan);
    } catch (e) {
      if (!(e instanceof DisclosurePlanError)) throw e;
      // Published totals and zeros can give a category cell away whatever else is hidden (e.g. a
      // total of 5 made of ones): then the breakdown is withheld entirely, zeros included, and
      // only the totals — already public through the plan without categories — are shown.
      const totals = base.plan;
      categorised = { cell: (level, k, category) => (category === null || category === undefined ? totals.cell(level, k, null) : { value: null, suppressed: true }) };
    }
    return this.remember(key, base.pattern, categorised).plan;
  }

  /**
   * The categories' plan. Sites whose categories can never be shown (UnprotectableSitesError: a
   * published total of T made of T single people) are left out, with every aggregate containing
   * them: the plan is made over the other sites, with the totals an attacker can derive (an
   * aggregate's published total minus the left-out sites' published totals) fixed as published.
   * Withholding those units entirely only takes information away, so the rest stays protected.
   */
  private planCategories(m: MeasureCounts, pattern: TotalsPattern, totalsPlan: PublishedMeasure): PublishedMeasure {
    const excluded = new Set<string>();
    for (;;) {
      const keep = m.sites.map((_, i) => i).filter((i) => !excluded.has(m.sites[i]?.code ?? ''));
      const sites = keep.map((i) => m.sites[i] as SiteRef);
      const totals = keep.map((i) => m.totals[i] ?? 0);
      const fixedTotals = excluded.size === 0 ? pattern : reducedPattern(m, pattern, excluded);
      try {
        const plan = planDisclosure(
          { sites, categories: m.categories, exhaustive: m.exhaustive, counts: keep.map((i) => m.counts[i] ?? []), totals, fixedTotals, ...(m.keepCategories ? { keepCategories: m.keepCategories } : {}) },
          this.minCell,
        );
        const left = m.sites.filter((s) => excluded.has(s.code));
        return {
          cell: (level, k, category) => {
            if (category === null || category === undefined) return totalsPlan.cell(level, k, null);
            return left.some((s) => inUnit(s, level, k)) ? { value: null, suppressed: true } : plan.cell(level, k, category);
          },
        };
      } catch (e) {
        // Leaving out more sites each round; anything else is the caller's fallback.
        if (!(e instanceof UnprotectableSitesError) || e.sites.length === 0 || e.sites.some((c) => excluded.has(c)) || excluded.size + e.sites.length > MAX_LEFT_OUT) throw e;
        for (const c of e.sites) excluded.add(c);
      }
    }
  }

  private cached(key: string): CachedPlan | undefined {
    const hit = this.plans.get(key);
    if (hit) {
      this.plans.delete(key);
      this.plans.set(key, hit);
    }
    return hit;
  }

  private remember(key: string, pattern: TotalsPattern, plan: PublishedMeasure): CachedPlan {
    const entry = { pattern, plan };
    this.plans.delete(key);
    this.plans.set(key, entry);
    for (const oldest of this.plans.keys()) {
      if (this.plans.size <= MAX_PLANS) break;
      this.plans.delete(oldest);
    }
    return entry;
  }

  /** Plans cached now (for tests and metrics). */
  get cachedPlans(): number {
    return this.plans.size;
  }
}

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('base64url');

/** Sums over the visible sites, nothing hidden (site_staff reading their own sites). */
export function openMeasure(m: Omit<MeasureCounts, 'key'>, visible: (site: string) => boolean): PublishedMeasure {
  const sum = (level: Level, key: string, category: string | null): number => {
    let total = 0;
    m.sites.forEach((s, i) => {
      if (!visible(s.code) || !inUnit(s, level, key)) return;
      if (category === null) total += m.totals[i] ?? 0;
      else {
        const j = m.categories.indexOf(category);
        total += j < 0 ? 0 : (m.counts[i]?.[j] ?? 0);
      }
    });
    return total;
  };
  return { cell: (level, key, category) => ({ value: sum(level, key, category ?? null), suppressed: false }) };
}

export function inUnit(s: SiteRef, level: Level, key: string): boolean {
  switch (level) {
    case 'site':
      return s.code === key;
    case 'countryProgramme':
      return `${s.country}|${s.programme}` === key;
    case 'country':
      return s.country === key;
    case 'programme':
      return s.programme === key;
    case 'total':
      return true;
    default: {
      const never: never = level;
      throw new Error(`unknown level ${String(never)}`);
    }
  }
}

/**
 * The unit a response's group stands for, given the filters: grouping by country inside one
 * programme is the country × programme unit, and so on. Every group of every response is then a
 * unit of the plan.
 */
export function groupUnit(groupBy: 'site' | 'country' | 'programme', key: string, filters: { country?: string; programme?: string; site?: string }): { level: Level; key: string } {
  if (groupBy === 'site') return { level: 'site', key };
  if (filters.site) return { level: 'site', key: filters.site };
  if (groupBy === 'country') return filters.programme ? { level: 'countryProgramme', key: `${key}|${filters.programme}` } : { level: 'country', key };
  return filters.country ? { level: 'countryProgramme', key: `${filters.country}|${key}` } : { level: 'programme', key };
}

/** The unit of a response's totals row, given the filters. */
export function totalsUnit(filters: { country?: string; programme?: string; site?: string }): { level: Level; key: string } {
  if (filters.site) return { level: 'site', key: filters.site };
  if (filters.country && filters.programme) return { level: 'countryProgramme', key: `${filters.country}|${filters.programme}` };
  if (filters.country) return { level: 'country', key: filters.country };
  if (filters.programme) return { level: 'programme', key: filters.programme };
  return { level: 'total', key: 'total' };
}

/** Sites a breakdown may leave out before it is withheld entirely. */
const MAX_LEFT_OUT = 5;

/**
 * The totals pattern of the plan without the `excluded` sites. An aggregate that contains none of
 * them keeps its pattern. One that does counts less without them: that smaller total is known to
 * an attacker when the aggregate's total is published (the left-out sites' totals always are),
 * so it is fixed as published; otherwise it stays hidden (or published when 0, as zeros are).
 */
function reducedPattern(m: MeasureCounts, pattern: TotalsPattern, excluded: ReadonlySet<string>): TotalsPattern {
  const out: Record<Level, Record<string, boolean>> = { site: {}, countryProgramme: {}, country: {}, programme: {}, total: {} };
  for (const level of Object.keys(pattern) as Level[]) {
    for (const [key, hidden] of Object.entries(pattern[level])) {
      const members = m.sites.map((s, i) => ({ s, total: m.totals[i] ?? 0 })).filter(({ s }) => inUnit(s, level, key));
      if (!members.some(({ s }) => excluded.has(s.code))) {
        out[level][key] = hidden;
        continue;
      }
      const rest = members.filter(({ s }) => !excluded.has(s.code)).reduce((a, { total }) => a + total, 0);
      out[level][key] = rest > 0 && hidden;
    }
  }
  return out;
}
