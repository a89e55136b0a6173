import { createHash } from 'node:crypto';
import { DEFAULT_RETENTION_YEARS, pathwayTemplateChange, type PathwayTemplateBody } from '@meic/contracts';
import type { ApiClient, Problem } from '../api/api-client';
import type { CourseDefinition, MentorDefinition, OrganisationDefinition, SiteDefinition, TerritorialIndicatorDefinition } from './site-definition';
import { fieldName, organisationKey, validateSiteDefinition, type FieldPath } from './site-file.parser';
import { SiteFileError } from './site-file.error';

/** The site as GET /v1/sites/{code} answers it (the fields a site file sets). */
type SiteState = SiteDefinition['site'];

interface OrganisationState {
  id: string;
  name: string;
  type: string;
  naceSector: string | null;
  communityOfInterest: boolean;
  joinedOn: string;
  leftOn: string | null;
}

interface CourseState {
  id: string;
  title: string;
  type: string;
  providerOrgId: string;
  hours: number;
  startsOn: string;
  endsOn: string;
  cefrTarget: string | null;
}

interface IndicatorState {
  id: string;
  key: string;
  value: number;
  referenceYear: number;
  source: string;
}

/** GET /v1/sites/{code}/pathway-template (beneficiaries service). */
interface PathwayTemplateState {
  source: 'site' | 'deployment-file' | 'default';
  template: PathwayTemplateBody;
}

/** GET /v1/sites/{code}/retention of the beneficiaries service (programmeEndsOn null: none set). */
interface RetentionState {
  programmeEndsOn: string | null;
  years: number;
}

interface MentorState {
  id: string;
  displayName: string;
  languages: string[];
  areas: string[];
}

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** One write the plan will make, in the order applySitePlan makes them. */
export type SiteChange =
  | { kind: 'create-site'; site: SiteDefinition['site'] }
  | { kind: 'patch-site'; code: string; body: Record<string, unknown>; changes: FieldChange[] }
  | { kind: 'create-organisation'; index: number; organisation: OrganisationDefinition }
  | { kind: 'create-course'; index: number; course: CourseDefinition }
  | { kind: 'record-indicator'; index: number; indicator: TerritorialIndicatorDefinition }
  | { kind: 'register-mentor'; index: number; mentor: MentorDefinition }
  | { kind: 'set-pathway-template'; template: PathwayTemplateBody; replaces: PathwayTemplateState | null }
  | { kind: 'set-retention'; retention: { programmeEndsOn: string; years: number }; replaces: RetentionState | null };

/** A difference the API cannot make (nothing is written while there is one), with the field of the file it is about. */
export interface PlanProblem {
  path: FieldPath;
  message: string;
}

export interface SitePlan {
  siteCode: string;
  definition: SiteDefinition;
  siteExists: boolean;
  changes: SiteChange[];
  unchanged: { site: boolean; organisations: number; courses: number; territorialIndicators: number; mentors: number; pathwayTemplate: boolean; retention: boolean };
  errors: PlanProblem[];
  /** Ids of the site's records that exist already, by their key in the file. */
  existing: { organisations: Record<string, string>; courses: Record<string, string>; mentors: Record<string, string> };
}

export interface SiteApplyReport {
  siteCode: string;
  applied: SiteChange[];
  /** Every organisation, course and mentor of the file with its id, whether created now or before. */
  ids: { organisations: Record<string, string>; courses: Record<string, string>; mentors: Record<string, string> };
}

const SITE_MUTABLE = ['name', 'city', 'clusterName', 'startedOn', 'defaultLanguage'] as const;
const SITE_FIXED = ['country', 'programme'] as const;

/** What the services store of a percentage: two decimals (stakeholders roundPct). */
const roundPct = (pct: number): number => Math.round(pct * 100) / 100;

/**
 * Compares the definition with what the public API shows of the site, and lists the writes that
 * would make them equal. Never writes. Differences no endpoint can make (organisations, courses,
 * indicators and mentors have no PATCH; a site's country and programme are fixed) become errors.
 */
export async function planSite(client: ApiClient, definition: SiteDefinition): Promise<SitePlan> {
  const code = definition.site.code;
  const errors: PlanProblem[] = [];
  const changes: SiteChange[] = [];
  const unchanged = { site: false, organisations: 0, courses: 0, territorialIndicators: 0, mentors: 0, pathwayTemplate: false, retention: false };
  const existing: SitePlan['existing'] = { organisations: {}, courses: {}, mentors: {} };

  const siteResult = await client.get<SiteState | Problem>('stakeholders', `/v1/sites/${encodeURIComponent(code)}`);
  if (siteResult.status !== 200 && siteResult.status !== 404) throw new Error(`GET /v1/sites/${code} answered ${siteResult.status}: ${(siteResult.body as Problem | undefined)?.detail ?? ''}`);
  const current = siteResult.status === 200 ? (siteResult.body as SiteState) : null;
  const q = `siteCode=${encodeURIComponent(code)}`;
  const [orgs, courses, indicators, mentors, template, retention] = current
    ? await Promise.all([
        client.readAll<OrganisationState>('stakeholders', `/v1/organisations?${q}`),
        client.readAll<CourseState>('trainings', `/v1/courses?${q}`),
        client.readAll<IndicatorState>('stakeholders', `/v1/sites/${encodeURIComponent(code)}/territorial-indicators`),
        client.readAll<MentorState>('stakeholders', `/v1/mentors?${q}`),
        definition.pathwayTemplate ? pathwayTemplateOf(client, code) : Promise.resolve(null),
        definition.retention ? retentionOf(client, code) : Promise.resolve(null),
      ])
    : [[], [], [], [], null, null];

  const site = definition.site;
  if (!current) {
    changes.push({ kind: 'create-site', site });
  } else {
    for (const f of SITE_FIXED) {
      if (current[f] !== site[f]) errors.push({ path: ['site', f], message: `site ${code} is registered with ${f} ${current[f]}; a site's ${f} cannot be changed once registered` });
    }
    const body: Record<string, unknown> = {};
    const fieldChanges: FieldChange[] = [];
    for (const f of SITE_MUTABLE) {
      if (current[f] !== site[f]) {
        body[f] = site[f];
        fieldChanges.push({ field: f, from: current[f], to: site[f] });
      }
    }
    const targets = { ...site.targets, womenSharePct: roundPct(site.targets.womenSharePct) };
    const targetFields = ['enrolled', 'placed', 'womenSharePct'] as const;
    const changedTargets = targetFields.filter((f) => current.targets[f] !== targets[f]);
    if (changedTargets.length) {
      body.targets = site.targets;
      for (const f of changedTargets) fieldChanges.push({ field: `targets.${f}`, from: current.targets[f], to: targets[f] });
    }
    if (fieldChanges.length) changes.push({ kind: 'patch-site', code, body, changes: fieldChanges });
    else unchanged.site = true;
  }

  const orgByName = new Map(orgs.map((o) => [organisationKey(o.name), o]));
  const fileOrgNames = new Set<string>();
  (definition.organisations ?? []).forEach((org, index) => {
    const name = organisationKey(org.name);
    fileOrgNames.add(name);
    const have = orgByName.get(name);
    if (!have) {
      changes.push({ kind: 'create-organisation', index, organisation: org });
      return;
    }
    existing.organisations[name] = have.id;
    const diffs = differences([
      ['type', have.type, org.type],
      ['naceSector', have.naceSector, org.naceSector ?? null],
      ['joinedOn', have.joinedOn, org.joinedOn],
      ['communityOfInterest', have.communityOfInterest, org.communityOfInterest ?? false],
    ]);
    for (const d of diffs) errors.push({ path: ['organisations', index, d.field], message: `organisation "${name}" is already a member of ${code} with ${d.field} ${show(d.from)}; the API cannot change it` });
    if (have.leftOn !== null) errors.push({ path: ['organisations', index, 'name'], message: `organisation "${name}" left the cluster of ${code} on ${have.leftOn}; it cannot rejoin under the same name` });
    if (!diffs.length && have.leftOn === null) unchanged.organisations += 1;
  });
  for (const o of orgs) if (!fileOrgNames.has(organisationKey(o.name))) existing.organisations[organisationKey(o.name)] = o.id;

  const courseByTitle = new Map(courses.map((c) => [c.title.trim(), c]));
  (definition.courses ?? []).forEach((course, index) => {
    const provider = organisationKey(course.provider);
    const providerOrg = orgByName.get(provider);
    if (!fileOrgNames.has(provider)) {
      if (!providerOrg) errors.push({ path: ['courses', index, 'provider'], message: `"${provider}" is neither an organisation of this file nor a member of ${current ? code : 'the site'}` });
      else if (providerOrg.leftOn !== null) errors.push({ path: ['courses', index, 'provider'], message: `"${provider}" left the cluster of ${code} on ${providerOrg.leftOn}` });
    }
    const title = course.title.trim();
    const have = courseByTitle.get(title);
    if (!have) {
      changes.push({ kind: 'create-course', index, course });
      return;
    }
    existing.courses[title] = have.id;
    const diffs = differences([
      ['type', have.type, course.type],
      ['provider', have.providerOrgId, providerOrg?.id ?? `(new organisation "${provider}")`],
      ['hours', have.hours, course.hours],
      ['startsOn', have.startsOn, course.startsOn],
      ['endsOn', have.endsOn, course.endsOn],
      ['cefrTarget', have.cefrTarget, course.cefrTarget ?? null],
    ]);
    for (const d of diffs) {
      const was = d.field === 'provider' ? `"${orgs.find((o) => o.id === have.providerOrgId)?.name ?? have.providerOrgId}"` : show(d.from);
      errors.push({ path: ['courses', index, d.field], message: `course "${title}" exists with ${d.field} ${was}; courses cannot be changed through the API (give a new course a new title)` });
    }
    if (!diffs.length) unchanged.courses += 1;
  });

  const indicatorByKey = new Map(indicators.map((i) => [`${i.key} ${i.referenceYear}`, i]));
  (definition.territorialIndicators ?? []).forEach((indicator, index) => {
    const have = indicatorByKey.get(`${indicator.key} ${indicator.referenceYear}`);
    if (!have) {
      changes.push({ kind: 'record-indicator', index, indicator });
      return;
    }
    const diffs = differences([
      ['value', have.value, indicator.value],
      ['source', have.source, indicator.source.trim()],
    ]);
    for (const d of diffs) errors.push({ path: ['territorialIndicators', index, d.field], message: `${indicator.key} for ${indicator.referenceYear} is recorded with ${d.field} ${show(d.from)}; a recorded value is not overwritten (record a correction under another reference year or key)` });
    if (!diffs.length) unchanged.territorialIndicators += 1;
  });

  const mentorByName = new Map(mentors.map((m) => [m.displayName.trim(), m]));
  (definition.mentors ?? []).forEach((mentor, index) => {
    const name = mentor.displayName.trim();
    const have = mentorByName.get(name);
    if (!have) {
      changes.push({ kind: 'register-mentor', index, mentor });
      return;
    }
    existing.mentors[name] = have.id;
    const diffs = differences([
      ['languages', sorted(have.languages), sorted(mentor.languages)],
      ['areas', sorted(have.areas), sorted(mentor.areas)],
    ]);
    // The display name is the mentor's: the message points at the line instead of repeating it.
    for (const d of diffs) errors.push({ path: ['mentors', index, d.field], message: `this mentor is registered with ${d.field} ${show(d.from)}; mentors cannot be changed through the API` });
    if (!diffs.length) unchanged.mentors += 1;
  });

  const wanted = definition.pathwayTemplate;
  if (wanted) {
    const own = template && template.source !== 'default' ? template : null;
    const change = pathwayTemplateChange(own?.template ?? null, wanted);
    if (change === 'same') unchanged.pathwayTemplate = true;
    else if (own && change === 'stale-version') {
      const where = own.source === 'site' ? 'set for the site' : "the deployment's file";
      errors.push({ path: ['pathwayTemplate', 'version'], message: `${code}'s pathway template is at version ${own.template.version} (${where}) with other content; a changed template needs a version above ${own.template.version}` });
    } else changes.push({ kind: 'set-pathway-template', template: wanted, replaces: template });
  }

  if (definition.retention) {
    const wanted = { programmeEndsOn: definition.retention.programmeEndsOn, years: definition.retention.years ?? DEFAULT_RETENTION_YEARS };
    if (retention && retention.programmeEndsOn === wanted.programmeEndsOn && retention.years === wanted.years) unchanged.retention = true;
    else changes.push({ kind: 'set-retention', retention: wanted, replaces: retention?.programmeEndsOn ? retention : null });
  }

  return { siteCode: code, definition, siteExists: current !== null, changes, unchanged, errors, existing };
}

/** The site's retention, or null when the beneficiaries service does not know the site yet. */
async function retentionOf(client: ApiClient, code: string): Promise<RetentionState | null> {
  const res = await client.get<RetentionState | Problem>('beneficiaries', `/v1/sites/${encodeURIComponent(code)}/retention`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`GET /v1/sites/${code}/retention answered ${res.status}: ${(res.body as Problem | undefined)?.detail ?? ''}`);
  return res.body as RetentionState;
}

/** The site's current template, or null when the beneficiaries service does not know the site yet (it will use the default). */
async function pathwayTemplateOf(client: ApiClient, code: string): Promise<PathwayTemplateState | null> {
  const res = await client.get<PathwayTemplateState | Problem>('beneficiaries', `/v1/sites/${encodeURIComponent(code)}/pathway-template`);
  if (res.status === 404) return null;
  if (res.status !== 200) throw new Error(`GET /v1/sites/${code}/pathway-template answered ${res.status}: ${(res.body as Problem | undefined)?.detail ?? ''}`);
  return res.body as PathwayTemplateState;
}

/**
 * Makes the plan's writes in dependency order (site → organisations → courses → indicators →
 * mentors → pathway template). A course names its provider by id, which the trainings service learns from the
 * stakeholders service's events: the client waits out its 422 "unknown site/organisation".
 */
export async function applySitePlan(client: ApiClient, plan: SitePlan): Promise<SiteApplyReport> {
  if (plan.errors.length) throw new Error(`the plan for ${plan.siteCode} has ${plan.errors.length} error(s); nothing was written`);
  const code = plan.siteCode;
  const ids: SiteApplyReport['ids'] = { organisations: { ...plan.existing.organisations }, courses: { ...plan.existing.courses }, mentors: { ...plan.existing.mentors } };
  const applied: SiteChange[] = [];
  const key = (kind: string, name: string, body: unknown) => idempotencyKey(code, kind, name, body);

  for (const change of orderChanges(plan.changes)) {
    switch (change.kind) {
      case 'create-site':
        await client.write('stakeholders', 'POST', '/v1/sites', change.site, { idempotencyKey: key('site', 'create', change.site) });
        break;
      case 'patch-site':
        await client.write('stakeholders', 'PATCH', `/v1/sites/${encodeURIComponent(code)}`, change.body, { idempotencyKey: key('site', 'patch', change.body) });
        break;
      case 'create-organisation': {
        const body = { ...change.organisation, name: organisationKey(change.organisation.name), siteCode: code };
        const res = await client.write<{ id: string }>('stakeholders', 'POST', '/v1/organisations', body, { idempotencyKey: key('organisation', body.name, body) });
        ids.organisations[body.name] = res.body.id;
        break;
      }
      case 'create-course': {
        const { provider, ...rest } = change.course;
        const providerOrgId = ids.organisations[organisationKey(provider)];
        if (!providerOrgId) throw new Error(`course "${change.course.title}": provider "${provider}" has no id`);
        const body = { ...rest, title: rest.title.trim(), siteCode: code, providerOrgId };
        const res = await client.write<{ id: string }>('trainings', 'POST', '/v1/courses', body, { idempotencyKey: key('course', body.title, body) });
        ids.courses[body.title] = res.body.id;
        break;
      }
      case 'record-indicator': {
        const body = change.indicator;
        await client.write('stakeholders', 'POST', `/v1/sites/${encodeURIComponent(code)}/territorial-indicators`, body, { idempotencyKey: key('indicator', `${body.key}:${body.referenceYear}`, body) });
        break;
      }
      case 'register-mentor': {
        const body = { siteCode: code, ...change.mentor, displayName: change.mentor.displayName.trim() };
        const res = await client.write<{ id: string }>('stakeholders', 'POST', '/v1/mentors', body, { idempotencyKey: key('mentor', String(change.index), body) });
        ids.mentors[body.displayName] = res.body.id;
        break;
      }
      case 'set-pathway-template':
        // The beneficiaries service learns a new site from its event: the client waits out the 422.
        await client.write('beneficiaries', 'PUT', `/v1/sites/${encodeURIComponent(code)}/pathway-template`, change.template, { idempotencyKey: key('pathway-template', `v${change.template.version}`, change.template) });
        break;
      case 'set-retention':
        await client.write('beneficiaries', 'PUT', `/v1/sites/${encodeURIComponent(code)}/retention`, change.retention, { idempotencyKey: key('retention', change.retention.programmeEndsOn, change.retention) });
        break;
      default:
        assertNever(change);
    }
    applied.push(change);
  }
  return { siteCode: code, applied, ids };
}

/**
 * Validate, plan and apply a definition built in code (the demo loader): throws SiteFileError
 * (without lines) when the definition or the plan has a problem, before any write.
 */
export async function applySiteDefinition(client: ApiClient, definition: SiteDefinition): Promise<{ plan: SitePlan; report: SiteApplyReport }> {
  const invalid = validateSiteDefinition(definition);
  if (invalid.length) throw new SiteFileError(invalid);
  const plan = await planSite(client, definition);
  if (plan.errors.length) throw new SiteFileError(plan.errors.map((e) => ({ file: '(definition)', line: null, field: fieldName(e.path), message: e.message })));
  const report = await applySitePlan(client, plan);
  return { plan, report };
}

/** The plan as the lines site:add prints (no personal data: mentors are shown by position, not by name). */
export function describePlan(plan: SitePlan): string[] {
  const lines: string[] = [];
  const code = plan.siteCode;
  for (const change of orderChanges(plan.changes)) {
    switch (change.kind) {
      case 'create-site':
        lines.push(`+ site ${code} "${change.site.name}" (${change.site.programme}, ${change.site.city}; targets: ${change.site.targets.enrolled} enrolled, ${change.site.targets.placed} placed, ${change.site.targets.womenSharePct}% women)`);
        break;
      case 'patch-site':
        for (const c of change.changes) lines.push(`~ site ${code} ${c.field}: ${show(c.from)} → ${show(c.to)}`);
        break;
      case 'create-organisation':
        lines.push(`+ organisation "${organisationKey(change.organisation.name)}" (${change.organisation.type})`);
        break;
      case 'create-course':
        lines.push(`+ course "${change.course.title.trim()}" (${change.course.type}, ${change.course.hours} h, by "${organisationKey(change.course.provider)}")`);
        break;
      case 'record-indicator':
        lines.push(`+ territorial indicator ${change.indicator.key} ${change.indicator.referenceYear} = ${change.indicator.value}`);
        break;
      case 'register-mentor':
        lines.push(`+ mentor mentors[${change.index}] (${change.mentor.languages.join(', ')}; ${change.mentor.areas.join(', ')})`);
        break;
      case 'set-pathway-template': {
        const was = change.replaces && change.replaces.source !== 'default' ? change.replaces : null;
        lines.push(`${was ? '~' : '+'} pathway template ${was ? `v${was.template.version} → ` : ''}v${change.template.version}: ${describeTemplate(change.template)}`);
        if (plan.siteExists) lines.push(`  (new pathways only; POST /v1/sites/${code}/pathways/migrate-template moves the running ones)`);
        break;
      }
      case 'set-retention': {
        const r = change.retention;
        const was = change.replaces ? `programme end ${change.replaces.programmeEndsOn} + ${change.replaces.years} years → ` : '';
        lines.push(`${change.replaces ? '~' : '+'} retention ${was}programme end ${r.programmeEndsOn} + ${r.years} years`);
        break;
      }
      default:
        assertNever(change);
    }
  }
  const u = plan.unchanged;
  if (u.site) lines.push(`= site ${code} unchanged`);
  const counts: [number, string, string][] = [
    [u.organisations, 'organisation', 'organisations'],
    [u.courses, 'course', 'courses'],
    [u.territorialIndicators, 'territorial indicator', 'territorial indicators'],
    [u.mentors, 'mentor', 'mentors'],
  ];
  for (const [n, one, many] of counts) if (n > 0) lines.push(`= ${n} ${n === 1 ? one : many} unchanged`);
  if (u.pathwayTemplate && plan.definition.pathwayTemplate) lines.push(`= pathway template v${plan.definition.pathwayTemplate.version} unchanged`);
  if (u.retention) lines.push('= retention unchanged');
  return lines;
}

function describeTemplate(t: PathwayTemplateBody): string {
  const d = t.deadlines;
  const ignored = Object.entries(t.onMissed ?? {}).filter(([, action]) => action === 'none').map(([kind]) => kind);
  return [
    `stages ${t.stages.join(' → ')}`,
    `assessment within ${d.assessmentWithinDays} d, first activity within ${d.firstActivityWithinDays} d, stalled after ${d.stalledAfterDays} d`,
    `follow-ups at ${d.followUpMonths.join('/')} months`,
    ...(ignored.length ? [`no task for ${ignored.join(', ')}`] : []),
  ].join('; ');
}

const ORDER: Record<SiteChange['kind'], number> = { 'create-site': 0, 'patch-site': 1, 'create-organisation': 2, 'create-course': 3, 'record-indicator': 4, 'register-mentor': 5, 'set-pathway-template': 6, 'set-retention': 7 };

function orderChanges(changes: SiteChange[]): SiteChange[] {
  return [...changes].sort((a, b) => ORDER[a.kind] - ORDER[b.kind]);
}

/**
 * `site-file:<code>:<kind>:<key>:<body hash>`: a retried write replays the first answer; an
 * edited file makes a new key, so the service's own uniqueness rule answers rather than a 409
 * for a reused key with another body. ASCII only: header values must be.
 */
export function idempotencyKey(code: string, kind: string, name: string, body: unknown): string {
  const hash = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 16);
  const safe = name.normalize('NFKD').replace(/[^A-Za-z0-9_.:-]+/g, '_').slice(0, 100);
  return `site-file:${code}:${kind}:${safe}:${hash}`;
}

function differences(pairs: [string, unknown, unknown][]): FieldChange[] {
  return pairs.filter(([, from, to]) => JSON.stringify(from) !== JSON.stringify(to)).map(([field, from, to]) => ({ field, from, to }));
}

const sorted = (xs: string[]): string[] => [...xs].sort();

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function assertNever(x: never): never {
  throw new Error(`unexpected change ${JSON.stringify(x)}`);
}
