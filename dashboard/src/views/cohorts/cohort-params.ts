// The two cohort definitions as view parameters (a.programme, b.site …): parsed from the
// URL, with anything invalid dropped, and the default comparison when none is given. Pure.
import { COHORT_ACTIVITIES, COHORT_FIELDS, EMPTY_COHORT, type CohortDefinition } from '@/api/cohorts';
import type { SiteOption } from '@/api/analytics';
import { isIsoDate } from '@/filters/filters';

export type CohortName = 'a' | 'b';
export const COHORT_NAMES: readonly CohortName[] = ['a', 'b'];

// Same patterns as @meic/contracts (and filters.ts).
const PATTERNS: Record<'programme' | 'country' | 'site', RegExp> = {
  programme: /^[A-Z][A-Z0-9_-]{1,15}$/,
  country: /^[A-Z]{2}$/,
  site: /^[A-Z]{2}-[A-Z0-9]{2,8}$/,
};

function cleanField(field: (typeof COHORT_FIELDS)[number], raw: string | null): string | null {
  if (raw === null || raw.trim() === '') return null;
  const v = raw.trim();
  switch (field) {
    case 'programme':
    case 'country':
    case 'site':
      return PATTERNS[field].test(v.toUpperCase()) ? v.toUpperCase() : null;
    case 'enrolledFrom':
    case 'enrolledTo':
      return isIsoDate(v) ? v : null;
    case 'activity':
      return (COHORT_ACTIVITIES as readonly string[]).includes(v) ? v : null;
  }
}

/** The cohorts the URL asks for; `given` is false when it names none (then show the default). */
export function parseCohortParams(params: URLSearchParams): { a: CohortDefinition; b: CohortDefinition; given: boolean } {
  let given = false;
  const read = (name: CohortName): CohortDefinition => {
    const def = { ...EMPTY_COHORT };
    for (const f of COHORT_FIELDS) {
      def[f] = cleanField(f, params.get(`${name}.${f}`));
      if (def[f] !== null) given = true;
    }
    return def;
  };
  const a = read('a');
  const b = read('b');
  return { a, b, given };
}

/** The URL patch for two definitions: every field written or removed. */
export function cohortParamsPatch(a: CohortDefinition, b: CohortDefinition): Record<string, string | null> {
  const patch: Record<string, string | null> = {};
  for (const [name, def] of [['a', a], ['b', b]] as const) for (const f of COHORT_FIELDS) patch[`${name}.${f}`] = def[f];
  return patch;
}

export function isCohortRangeValid(def: CohortDefinition): boolean {
  return def.enrolledFrom === null || def.enrolledTo === null || def.enrolledFrom <= def.enrolledTo;
}

/**
 * A comparison that shows data for the signed-in role: LIME against AMIL where both are
 * visible, else the first two programmes it sees, else its first two sites.
 */
export function defaultCohorts(sites: readonly SiteOption[]): { a: CohortDefinition; b: CohortDefinition } {
  const programmes = [...new Set(sites.map((s) => s.programme).filter((p): p is string => p !== null))].sort();
  const pick = (p: string | null, site: string | null = null): CohortDefinition => ({ ...EMPTY_COHORT, programme: p, site });
  if (sites.length === 0 || (programmes.includes('LIME') && programmes.includes('AMIL'))) return { a: pick('LIME'), b: pick('AMIL') };
  if (programmes.length >= 2) return { a: pick(programmes[0] ?? null), b: pick(programmes[1] ?? null) };
  const [first, second] = sites;
  return { a: pick(null, first?.code ?? null), b: pick(null, second?.code ?? null) };
}
