// Test support: the LP attacker over what a publisher shows of a site hierarchy when some sites
// are left out (their zeros are withheld too, so their units are not attacked: the attacker's
// "hidden ⇒ ≥ 1" would not hold there).
import { recoverHidden, type LinearRelation, type PublishedEntry } from '../disclosure/lp-attacker';
import type { Level, SiteRef } from '../disclosure/disclosure-plan';
import type { PublishedMeasure } from '../kpis/publisher.service';

export interface HierarchyUnit {
  level: Level;
  key: string;
  /** Site codes in the unit. */
  members: string[];
}

/** Every unit of the hierarchy site → country×programme → country / programme → total. */
export function hierarchyUnits(sites: readonly SiteRef[]): HierarchyUnit[] {
  const keys = (f: (s: SiteRef) => string) => [...new Set(sites.map(f))];
  const membersOf = (f: (s: SiteRef) => string, k: string) => sites.filter((s) => f(s) === k).map((s) => s.code);
  const cp = (s: SiteRef) => `${s.country}|${s.programme}`;
  return [
    ...sites.map((s) => ({ level: 'site' as const, key: s.code, members: [s.code] })),
    ...keys(cp).map((k) => ({ level: 'countryProgramme' as const, key: k, members: membersOf(cp, k) })),
    ...keys((s) => s.country).map((k) => ({ level: 'country' as const, key: k, members: membersOf((s) => s.country, k) })),
    ...keys((s) => s.programme).map((k) => ({ level: 'programme' as const, key: k, members: membersOf((s) => s.programme, k) })),
    { level: 'total', key: 'total', members: sites.map((s) => s.code) },
  ];
}

/**
 * Every published cell of `shown` (each category and the total) and every relation among them:
 * a parent is the sum of its children one level down, a unit's total the sum of its categories.
 * Returns how many of those cells are hidden and which the attacker recovers.
 */
export async function attackShownUnits(published: PublishedMeasure, shown: readonly HierarchyUnit[], categories: readonly string[]): Promise<{ hidden: number; recovered: unknown[] }> {
  const id = (level: Level, key: string, category: string | null) => `${level}:${key}:${category ?? '*'}`;
  const entries: PublishedEntry[] = shown.flatMap((u) => [null, ...categories].map((c) => ({ id: id(u.level, u.key, c), value: published.cell(u.level, u.key, c).value })));
  const relations: LinearRelation[] = [];
  for (const c of [null, ...categories]) {
    for (const parent of shown.filter((u) => u.level !== 'site')) {
      const below: Level = parent.level === 'countryProgramme' ? 'site' : parent.level === 'total' ? 'country' : 'countryProgramme';
      relations.push({ parent: id(parent.level, parent.key, c), children: shown.filter((u) => u.level === below && u.members.every((x) => parent.members.includes(x))).map((u) => id(u.level, u.key, c)) });
    }
  }
  for (const u of shown) relations.push({ parent: id(u.level, u.key, null), children: categories.map((c) => id(u.level, u.key, c)) });
  return { hidden: entries.filter((e) => e.value === null).length, recovered: await recoverHidden(entries, relations) };
}
