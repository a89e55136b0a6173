import { createHash } from 'node:crypto';
import { ORGANISATION_TYPES } from '@meic/contracts';
import type { Principal } from '@meic/service-kit';
import type { SiteDirectory } from './kpi-engine.service';
import type { ContributionCounts, OrganisationCounts } from './participants.repository';
import { openMeasure, type PublishedMeasure, type PublisherService, type SiteRef } from './publisher.service';

// Cluster members (MEIC-14) and what they contribute (MEIC-15), per organisation type, as the
// indicators service and the clusters view both publish them. Two kinds of count, two treatments
// (docs/adr/0006, amendment of issue 8):
// - counts of ORGANISATIONS (members, active members, those that provided a course, hosted an
//   internship or hired) are not counts of people: published as counted, for every role, never
//   suppressed (site_staff still see their own sites only);
// - counts of PEOPLE's activities (internships, placements, courses contributed) go through the
//   disclosure plan like any other count of people.

/** One repository row of MEIC-14 or MEIC-15 counts: a site, an organisation type and its counts by field. */
export interface TypedRow {
  site_code: string;
  type: string;
  values: Record<string, number>;
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

/** How a measure is published: as counted (organisations) or through the disclosure plan (people). */
type Disclosure = 'open' | 'controlled';

export function organisationRows(rows: readonly OrganisationCounts[]): TypedRow[] {
  return rows.map((o) => ({ site_code: o.site_code, type: o.type, values: Object.fromEntries(Object.entries(ORGANISATION_FIELDS).map(([k, f]) => [k, o[f]])) }));
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

/** A site as the disclosure plan knows it; one seen only in events counts under its code's country. */
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

/** Per site (in the order of `sites`), the sum of `field` over the rows of one type. */
export function siteTotals(rows: readonly TypedRow[], sites: readonly SiteRef[], type: string, field: string): number[] {
  return sites.map((s) => rows.filter((r) => r.site_code === s.code && typeOf(r.type) === type).reduce((a, r) => a + (r.values[field] ?? 0), 0));
}

/** Per site (in the order of `sites`), the sum of `field` over all rows, whatever their type. */
export function siteTotalsAllTypes(rows: readonly TypedRow[], sites: readonly SiteRef[], field: string): number[] {
  return sites.map((s) => rows.filter((r) => r.site_code === s.code).reduce((a, r) => a + (r.values[field] ?? 0), 0));
}

function publishCounts(publisher: PublisherService, principal: Principal, sites: SiteRef[], totals: number[], disclosure: Disclosure): PublishedMeasure {
  const counts = { sites, categories: [], exhaustive: true, counts: sites.map(() => []), totals };
  if (disclosure === 'open') {
    // Organisations are not people: nothing to protect, only the principal's sites to respect.
    const visible = publisher.visibleSites(principal);
    return openMeasure(counts, (code) => visible === null || visible.includes(code));
  }
  // The plan depends on the numbers only, so equal numbers may reuse it; new data never does.
  return publisher.publish(principal, { key: createHash('sha256').update(JSON.stringify([sites, totals])).digest('base64url'), ...counts });
}

/** Each field summed over every organisation type, published as a measure of its own. */
function publishAllTypes(
  publisher: PublisherService,
  principal: Principal,
  directory: SiteDirectory,
  rows: readonly TypedRow[],
  fields: readonly string[],
  disclosure: Disclosure,
): Record<string, PublishedMeasure> {
  const sites = refsWith(directory, rows.map((r) => r.site_code));
  return Object.fromEntries(fields.map((f) => [f, publishCounts(publisher, principal, sites, siteTotalsAllTypes(rows, sites, f), disclosure)]));
}

/** Each (type, field) pair is a measure of its own, counted per site. */
function publishByType(
  publisher: PublisherService,
  principal: Principal,
  directory: SiteDirectory,
  rows: readonly TypedRow[],
  fields: readonly string[],
  disclosure: Disclosure,
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  const sites = refsWith(directory, rows.map((r) => r.site_code));
  return typesOf(rows).map((type) => {
    const measures: Record<string, PublishedMeasure> = {};
    for (const field of fields) {
      measures[field] = publishCounts(publisher, principal, sites, siteTotals(rows, sites, type, field), disclosure);
    }
    return { type, measures };
  });
}

/** Cluster members per type (MEIC-14): counts of organisations, published as counted for every role. */
export function publishMembersByType(
  publisher: PublisherService,
  principal: Principal,
  directory: SiteDirectory,
  rows: readonly OrganisationCounts[],
  fields: readonly OrganisationCount[],
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  return publishByType(publisher, principal, directory, organisationRows(rows), fields, 'open');
}

/** Cluster members over all types (MEIC-14 summed), published as counted for every role. */
export function publishMembersAllTypes(
  publisher: PublisherService,
  principal: Principal,
  directory: SiteDirectory,
  rows: readonly OrganisationCounts[],
  fields: readonly OrganisationCount[],
): Record<string, PublishedMeasure> {
  return publishAllTypes(publisher, principal, directory, organisationRows(rows), fields, 'open');
}

/**
 * Internships, placements and courses contributed per member type (MEIC-15): counts of people's
 * activities, each (type, field) pair published through its disclosure plan. The plan key depends
 * on the numbers only, so the clusters view and the indicator catalogue publish the same cells.
 */
export function publishContributionsByType(
  publisher: PublisherService,
  principal: Principal,
  directory: SiteDirectory,
  rows: readonly ContributionCounts[],
  fields: readonly ContributionCount[],
): { type: string; measures: Record<string, PublishedMeasure> }[] {
  return publishByType(publisher, principal, directory, contributionRows(rows), fields, 'controlled');
}
