import { ORGANISATION_TYPES } from '@meic/contracts';
import type { PublishedMeasure, Reading } from '../disclosure/disclosure.service';
import { addTallies, type Tally } from '../disclosure/perturbation-table';
import type { SiteDirectory } from './kpi-engine.service';
import type { ContributionCounts, OrganisationCounts } from './participants.repository';
import type { SiteRef } from './site-units';

// Cluster members (MEIC-14) and what they contribute (MEIC-15), per organisation type, as the
// indicators service and the clusters view both publish them. Two kinds of count, two treatments
// (docs/adr/0006 amendment of issue 8, kept by docs/adr/0012):
// - counts of ORGANISATIONS (members, active members, those that provided a course, hosted an
//   internship or hired) are not counts of people: published as counted, for every role
//   (site_staff still see their own sites only);
// - counts of PEOPLE's activities (internships, placements, courses contributed) are protected
//   like any other count of people.

/** One repository row of MEIC-14 or MEIC-15 counts: a site, an organisation type and its tallies by field. */
export interface TypedRow {
  site_code: string;
  type: string;
  values: Record<string, Tally>;
}

export const ORGANISATION_FIELDS = {
  members: 'members',
  active: 'active',
  providedCourse: 'provided_course',
  hostedInternship: 'hosted_internship',
  hired: 'hired',
} as const satisfies Record<string, keyof OrganisationCounts>;

export const CONTRIBUTION_FIELDS = { internships: 'internships', placements: 'placements', courses: 'courses' } as const satisfies Record<string, keyof ContributionCounts>;

/** A count of organisations (MEIC-14), by the name the API and the catalogue give it. */
export type OrganisationCount = keyof typeof ORGANISATION_FIELDS;
/** A count of people's activities contributed by members (MEIC-15). */
export type ContributionCount = keyof typeof CONTRIBUTION_FIELDS;

/** How a measure is published: as counted (organisations) or protected (people). */
type Disclosure = 'open' | 'controlled';

export function organisationRows(rows: readonly OrganisationCounts[]): TypedRow[] {
  // Organisations have no record keys: their counts are never perturbed.
  return rows.map((o) => ({ site_code: o.site_code, type: o.type, values: Object.fromEntries(Object.entries(ORGANISATION_FIELDS).map(([k, f]) => [k, { n: o[f], key: 0 }])) }));
}

export function contributionRows(rows: readonly ContributionCounts[]): TypedRow[] {
  return rows.map((c) => ({ site_code: c.site_code, type: c.org_type, values: Object.fromEntries(Object.entries(CONTRIBUTION_FIELDS).map(([k, f]) => [k, c[f]])) }));
}

/** A row without a type (a contribution naming no member's type) counts as `unknown`. */
export const typeOf = (t: string) => (t === '' ? 'unknown' : t);

/** The contract's organisation types in their order, then any other type the rows name, sorted. */
export function typesOf(rows: readonly TypedRow[]): string[] {
  const known = ORGANISATION_TYPES as readonly string[];
  return [...known, ...[...new Set(rows.map((r) => typeOf(r.type)))].filter((t) => !known.includes(t)).sort()];
}

/** A site of the hierarchy; one seen only in events counts under its code's country. */
export function refOf(directory: SiteDirectory, code: string): SiteRef {
  const info = directory.info.get(code);
  return info ? { code, country: info.country, programme: info.programme } : { code, country: code.slice(0, 2), programme: 'unknown' };
}

/** The registered sites plus any seen only in the counted rows (as KpiEngine.measures does). */
export function refsWith(directory: SiteDirectory, codes: readonly string[]): SiteRef[] {
  const refs = [...directory.refs];
  const known = new Set(refs.map((s) => s.code));
  for (const code of codes) {
    if (code === '' || known.has(code)) continue;
    known.add(code);
    refs.push(refOf(directory, code));
  }
  return refs.sort((a, b) => a.code.localeCompare(b.code));
}

const NONE: Tally = { n: 0, key: 0 };
const sumOf = (rows: readonly TypedRow[], field: string): Tally => rows.reduce((a, r) => addTallies(a, r.values[field] ?? NONE), NONE);

/** Per site (in the order of `sites`), the tally of `field` over the rows of one type. */
export function siteTotals(rows: readonly TypedRow[], sites: readonly SiteRef[], type: string, field: string): Tally[] {
  return sites.map((s) => sumOf(rows.filter((r) => r.site_code === s.code && typeOf(r.type) === type), field));
}

/** Per site (in the order of `sites`), the tally of `field` over all rows, whatever their type. */
export function siteTotalsAllTypes(rows: readonly TypedRow[], sites: readonly SiteRef[], field: string): Tally[] {
  return sites.map((s) => sumOf(rows.filter((r) => r.site_code === s.code), field));
}

function publishCounts(reading: Reading, sites: SiteRef[], totals: Tally[], disclosure: Disclosure): PublishedMeasure {
  const tallies = { sites, categories: [], totals, cells: sites.map(() => []) };
  // Organisations are not people: nothing to protect, only the reader's sites to respect.
  return disclosure === 'open' ? reading.asCounted(tallies) : reading.measure(tallies);
}

/** Each field summed over every organisation type, published as a measure of its own. */
function publishAllTypes(
  reading: Reading,
  directory: SiteDirectory,
  rows: readonly TypedRow[],
  fields: readonly string[],
  disclosure: Disclosure,
): Record<string, PublishedMeasure> {
  const sites = refsWith(directory, rows.map((r) => r.site_code));
  return Object.fromEntries(fields.map((f) => [f, publishCounts(reading, sites, siteTotalsAllTypes(rows, sites, f), disclosure)]));
}

/** Each (type, field) pair is a measure of its own, counted per site. */
function publishByType(
  reading: Reading,
  directory: SiteDirectory,
  rows: readonly TypedRow[],
  fields: readonly string[],
  disclosure: Disclosure,
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  const sites = refsWith(directory, rows.map((r) => r.site_code));
  return typesOf(rows).map((type) => {
    const measures: Record<string, PublishedMeasure> = {};
    for (const field of fields) {
      measures[field] = publishCounts(reading, sites, siteTotals(rows, sites, type, field), disclosure);
    }
    return { type, measures };
  });
}

/** Cluster members per type (MEIC-14): counts of organisations, published as counted for every role. */
export function publishMembersByType(
  reading: Reading,
  directory: SiteDirectory,
  rows: readonly OrganisationCounts[],
  fields: readonly OrganisationCount[],
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  return publishByType(reading, directory, organisationRows(rows), fields, 'open');
}

/** Cluster members over all types (MEIC-14 summed), published as counted for every role. */
export function publishMembersAllTypes(reading: Reading, directory: SiteDirectory, rows: readonly OrganisationCounts[], fields: readonly OrganisationCount[]): Record<string, PublishedMeasure> {
  return publishAllTypes(reading, directory, organisationRows(rows), fields, 'open');
}

/**
 * Internships, placements and courses contributed per member type (MEIC-15): counts of people's
 * activities, each (type, field) pair protected like any count of people, so the clusters view and
 * the indicator catalogue publish the same figure for the same activities.
 */
export function publishContributionsByType(
  reading: Reading,
  directory: SiteDirectory,
  rows: readonly ContributionCounts[],
  fields: readonly ContributionCount[],
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  return publishByType(reading, directory, contributionRows(rows), fields, 'controlled');
}
