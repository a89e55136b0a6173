import type { LinearRelation, PublishedEntry } from '../disclosure/lp-attacker';

export interface LedgerSite {
  code: string;
  country: string;
  programme: string;
}

export type LedgerLevel = 'site' | 'countryProgramme' | 'country' | 'programme' | 'total';

/**
 * What an attacker collects from API responses: every published or suppressed count, named by
 * measure, unit and category, and the linear relations they know hold between them (a country is
 * the sum of its sites, columns of an exhaustive breakdown add up to the row, …). Built from the
 * responses alone — the attacker does not see the plan.
 */
export class ResponseLedger {
  private readonly entries = new Map<string, number | null>();
  /** Disagreements between two responses about the same cell: each one is a leak by itself. */
  readonly conflicts: string[] = [];
  private readonly exhaustive = new Map<string, Set<string>>();
  private readonly measures = new Map<string, Set<string>>();

  static id(measure: string, level: LedgerLevel, key: string, category: string | null = null): string {
    return `${measure}|${level}|${key}|${category ?? '*'}`;
  }

  record(measure: string, level: LedgerLevel, key: string, category: string | null, cell: { value: number | null; suppressed: boolean }): void {
    const id = ResponseLedger.id(measure, level, key, category);
    const value = cell.suppressed ? null : cell.value;
    if (!cell.suppressed && value === null) throw new Error(`${id}: a cell neither suppressed nor valued`);
    if (this.entries.has(id)) {
      const prev = this.entries.get(id);
      if (prev !== value) this.conflicts.push(`${id}: ${String(prev)} in one response, ${String(value)} in another`);
      if (prev !== null) return;
    }
    this.entries.set(id, value);
    const cats = this.measures.get(measure) ?? new Set<string>();
    cats.add(category ?? '*');
    this.measures.set(measure, cats);
  }

  private readonly equalities: LinearRelation[] = [];

  /** Two names for one number (a breakdown's total is the measure's count). */
  equal(a: string, b: string): void {
    this.equalities.push({ parent: a, children: [b] });
  }

  reset(): void {
    this.equalities.length = 0;
    this.entries.clear();
    this.exhaustive.clear();
    this.measures.clear();
    this.conflicts.length = 0;
  }

  /** The categories of `measure` partition each unit's total (sex, age band, month…). */
  markExhaustive(measure: string, categories: readonly string[]): void {
    this.exhaustive.set(measure, new Set(categories));
  }

  published(): PublishedEntry[] {
    return [...this.entries].map(([id, value]) => ({ id, value }));
  }

  suppressedCount(): number {
    return [...this.entries.values()].filter((v) => v === null).length;
  }

  /**
   * The sums an attacker knows, between entries some response contained. A relation with an
   * entry no response showed is left out (the scenario asks for every level, so none should be).
   */
  relations(sites: readonly LedgerSite[]): LinearRelation[] {
    return this.allRelations(sites).filter((r) => this.entries.has(r.parent) && r.children.every((c) => this.entries.has(c)));
  }

  /** Relations that name an entry no response contained: the scenario missed a level. */
  incompleteRelations(sites: readonly LedgerSite[]): LinearRelation[] {
    return this.allRelations(sites).filter((r) => !(this.entries.has(r.parent) && r.children.every((c) => this.entries.has(c))));
  }

  private allRelations(sites: readonly LedgerSite[]): LinearRelation[] {
    const rel: LinearRelation[] = [...this.equalities];
    const cps = new Map<string, LedgerSite[]>();
    for (const s of sites) {
      const k = `${s.country}|${s.programme}`;
      cps.set(k, [...(cps.get(k) ?? []), s]);
    }
    const countries = [...new Set(sites.map((s) => s.country))];
    const programmes = [...new Set(sites.map((s) => s.programme))];
    for (const [measure, cats] of this.measures) {
      const columns = new Set([...cats, ...(this.exhaustive.get(measure) ?? [])]);
      for (const cat of columns) {
        const c = cat === '*' ? null : cat;
        const id = (level: LedgerLevel, key: string) => ResponseLedger.id(measure, level, key, c);
        for (const [k, members] of cps) rel.push({ parent: id('countryProgramme', k), children: members.map((s) => id('site', s.code)) });
        for (const country of countries) rel.push({ parent: id('country', country), children: [...cps.keys()].filter((k) => k.startsWith(`${country}|`)).map((k) => id('countryProgramme', k)) });
        for (const programme of programmes) rel.push({ parent: id('programme', programme), children: [...cps.keys()].filter((k) => k.endsWith(`|${programme}`)).map((k) => id('countryProgramme', k)) });
        rel.push({ parent: id('total', 'total'), children: countries.map((country) => id('country', country)) });
        rel.push({ parent: id('total', 'total'), children: programmes.map((p) => id('programme', p)) });
      }
      const parts = this.exhaustive.get(measure);
      if (parts) {
        const units: [LedgerLevel, string][] = [
          ...sites.map((s) => ['site', s.code] as [LedgerLevel, string]),
          ...[...cps.keys()].map((k) => ['countryProgramme', k] as [LedgerLevel, string]),
          ...countries.map((k) => ['country', k] as [LedgerLevel, string]),
          ...programmes.map((k) => ['programme', k] as [LedgerLevel, string]),
          ['total', 'total'] as [LedgerLevel, string],
        ];
        for (const [level, key] of units) rel.push({ parent: ResponseLedger.id(measure, level, key, null), children: [...parts].map((p) => ResponseLedger.id(measure, level, key, p)) });
      }
    }
    return rel;
  }
}
