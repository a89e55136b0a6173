import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { CEFR_LEVELS, COURSE_TYPES, MENTORING_AREAS, ORGANISATION_TYPES, pathwayTemplateProblems } from '@meic/contracts';
import type { SiteDefinition } from './site-definition';
import { SiteFileError, type SiteFileProblem } from './site-file.error';

/** A path into the file: map keys and list indexes, as the YAML document nests them. */
export type FieldPath = (string | number)[];

/** Finds the line of a field path in the parsed file (the nearest existing parent when the field is missing). */
export type LineLocator = (path: FieldPath, atKey?: boolean) => number | null;

export interface ParsedSiteFile {
  definition: SiteDefinition;
  locate: LineLocator;
}

// The same bounds as the services' request schemas (stakeholders and trainings *.schemas.ts and
// the @meic/contracts primitives), so a file that passes here is not refused there for its shape.
const SITE_CODE = /^[A-Z]{2}-[A-Z0-9]{2,8}$/;
const COUNTRY = /^[A-Z]{2}$/;
const PROGRAMME = /^[A-Z][A-Z0-9_-]{1,15}$/;
const LANGUAGE = /^[a-z]{2,3}$/;
const NACE = /^[A-U]$/;
const INDICATOR_KEY = /^[a-z][a-z0-9_]{1,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const TOP_KEYS = ['site', 'organisations', 'courses', 'territorialIndicators', 'mentors', 'pathwayTemplate', 'retention'] as const;
const RETENTION_KEYS = ['programmeEndsOn', 'years'] as const;
const SITE_KEYS = ['code', 'name', 'country', 'city', 'programme', 'clusterName', 'startedOn', 'defaultLanguage', 'targets'] as const;
const TARGET_KEYS = ['enrolled', 'placed', 'womenSharePct'] as const;
const ORGANISATION_KEYS = ['name', 'type', 'naceSector', 'joinedOn', 'communityOfInterest'] as const;
const COURSE_KEYS = ['type', 'title', 'provider', 'hours', 'startsOn', 'endsOn', 'cefrTarget'] as const;
const INDICATOR_KEYS = ['key', 'value', 'referenceYear', 'source'] as const;
const MENTOR_KEYS = ['displayName', 'languages', 'areas'] as const;

/** How the stakeholders service keys an organisation name: no stray spaces. */
export const organisationKey = (name: string): string => name.trim().replace(/\s+/g, ' ');

export function fieldName(path: FieldPath): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/**
 * Reads and checks a site file completely; throws SiteFileError listing every problem with its
 * line. Whether a course's provider that is not in the file belongs to the site already can only
 * be answered by the API: planSite checks that, still before any write.
 */
export function parseSiteFile(text: string, fileName: string): SiteDefinition {
  return parseSiteFileWithLines(text, fileName).definition;
}

export function parseSiteFileWithLines(text: string, fileName: string): ParsedSiteFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const locate = locator(doc, lineCounter);
  const syntax = doc.errors.map<SiteFileProblem>((e) => ({ file: fileName, line: lineCounter.linePos(e.pos[0]).line, field: '', message: e.message.split('\n')[0] ?? e.message }));
  if (syntax.length) throw new SiteFileError(syntax);
  const problems = validateSiteDefinition(doc.toJS() as unknown, fileName, locate);
  if (problems.length) throw new SiteFileError(problems);
  return { definition: doc.toJS() as SiteDefinition, locate };
}

/**
 * The same checks for a definition that did not come from a file (the demo loader builds them in
 * code): problems carry no line.
 */
export function validateSiteDefinition(raw: unknown, fileName = '(definition)', locate: LineLocator = () => null): SiteFileProblem[] {
  const problems: SiteFileProblem[] = [];
  const add = (path: FieldPath, message: string, atKey = false) => problems.push({ file: fileName, line: locate(path, atKey), field: fieldName(path), message });
  const v = new Checker(add);

  if (!isObject(raw)) {
    add([], 'must be a mapping with at least a `site` key');
    return problems;
  }
  v.onlyKeys([], raw, TOP_KEYS);
  if (raw.site === undefined) add(['site'], 'is required');
  else if (v.object(['site'], raw.site)) checkSite(v, raw.site);

  const organisations = v.list(['organisations'], raw.organisations);
  const names = new Map<string, number>();
  organisations.forEach((org, i) => {
    const path = ['organisations', i];
    if (!v.object(path, org)) return;
    v.onlyKeys(path, org, ORGANISATION_KEYS);
    if (v.text([...path, 'name'], org.name, 300)) v.unique(names, organisationKey(org.name as string), [...path, 'name'], 'organisation name');
    v.oneOf([...path, 'type'], org.type, ORGANISATION_TYPES);
    v.optional(org.naceSector, () => v.pattern([...path, 'naceSector'], org.naceSector, NACE, 'a NACE Rev. 2 section letter A–U'));
    v.date([...path, 'joinedOn'], org.joinedOn);
    v.optional(org.communityOfInterest, () => v.boolean([...path, 'communityOfInterest'], org.communityOfInterest));
  });

  const courses = v.list(['courses'], raw.courses);
  const titles = new Map<string, number>();
  courses.forEach((course, i) => {
    const path = ['courses', i];
    if (!v.object(path, course)) return;
    v.onlyKeys(path, course, COURSE_KEYS);
    const typeOk = v.oneOf([...path, 'type'], course.type, COURSE_TYPES);
    if (v.text([...path, 'title'], course.title, 200)) v.unique(titles, (course.title as string).trim(), [...path, 'title'], 'course title');
    v.text([...path, 'provider'], course.provider, 300);
    if (v.required([...path, 'hours'], course.hours) && (typeof course.hours !== 'number' || !(course.hours > 0) || course.hours > 10_000)) add([...path, 'hours'], 'must be a number of hours above 0 and at most 10000');
    const starts = v.date([...path, 'startsOn'], course.startsOn);
    const ends = v.date([...path, 'endsOn'], course.endsOn);
    if (starts && ends && (course.endsOn as string) < (course.startsOn as string)) add([...path, 'endsOn'], `must not be before startsOn (${course.startsOn as string})`);
    v.optional(course.cefrTarget, () => {
      if (v.oneOf([...path, 'cefrTarget'], course.cefrTarget, CEFR_LEVELS) && typeOk && course.type !== 'l2_language') add([...path, 'cefrTarget'], `only l2_language courses have a CEFR target, not ${course.type as string}`);
    });
  });

  const indicators = v.list(['territorialIndicators'], raw.territorialIndicators);
  const indicatorKeys = new Map<string, number>();
  indicators.forEach((ind, i) => {
    const path = ['territorialIndicators', i];
    if (!v.object(path, ind)) return;
    v.onlyKeys(path, ind, INDICATOR_KEYS);
    const keyOk = v.pattern([...path, 'key'], ind.key, INDICATOR_KEY, 'a snake_case key such as unemployment_rate_pct');
    if (v.required([...path, 'value'], ind.value) && (typeof ind.value !== 'number' || !Number.isFinite(ind.value))) add([...path, 'value'], 'must be a number');
    const yearOk = v.required([...path, 'referenceYear'], ind.referenceYear) && (Number.isInteger(ind.referenceYear) && (ind.referenceYear as number) >= 1990 && (ind.referenceYear as number) <= 2100 ? true : (add([...path, 'referenceYear'], 'must be a year from 1990 to 2100'), false));
    v.text([...path, 'source'], ind.source, 500);
    if (keyOk && yearOk) v.unique(indicatorKeys, `${ind.key as string} ${ind.referenceYear as number}`, [...path, 'key'], 'indicator key and reference year');
  });

  const mentors = v.list(['mentors'], raw.mentors);
  const mentorNames = new Map<string, number>();
  mentors.forEach((mentor, i) => {
    const path = ['mentors', i];
    if (!v.object(path, mentor)) return;
    v.onlyKeys(path, mentor, MENTOR_KEYS);
    if (v.text([...path, 'displayName'], mentor.displayName, 200)) v.unique(mentorNames, (mentor.displayName as string).trim(), [...path, 'displayName'], 'mentor display name');
    v.stringSet([...path, 'languages'], mentor.languages, (s) => LANGUAGE.test(s), 'a language code such as ar or it');
    v.stringSet([...path, 'areas'], mentor.areas, (s) => (MENTORING_AREAS as readonly string[]).includes(s), `one of ${MENTORING_AREAS.join(', ')}`);
  });

  if (raw.retention !== undefined && v.object(['retention'], raw.retention)) {
    const retention = raw.retention;
    v.onlyKeys(['retention'], retention, RETENTION_KEYS);
    v.date(['retention', 'programmeEndsOn'], retention.programmeEndsOn);
    v.optional(retention.years, () => {
      if (!(Number.isInteger(retention.years) && (retention.years as number) >= 1 && (retention.years as number) <= 30)) add(['retention', 'years'], 'must be a whole number of years from 1 to 30');
    });
  }

  // The beneficiaries service's own checks (the same function), each mapped to its line.
  if (raw.pathwayTemplate !== undefined && v.object(['pathwayTemplate'], raw.pathwayTemplate)) {
    for (const e of pathwayTemplateProblems(raw.pathwayTemplate)) {
      const segments = e.path.split('/').slice(1).filter((seg) => seg !== '').map((seg) => (/^\d+$/.test(seg) ? Number(seg) : seg.replace(/~1/g, '/').replace(/~0/g, '~')));
      add(['pathwayTemplate', ...segments], e.message, e.message === 'is not a known field');
    }
  }
  return problems;
}

function checkSite(v: Checker, site: Record<string, unknown>): void {
  const p = (k: string): FieldPath => ['site', k];
  v.onlyKeys(['site'], site, SITE_KEYS);
  const codeOk = v.pattern(p('code'), site.code, SITE_CODE, 'a site code: country, dash, 2–8 capitals or digits (IT-TO)');
  const countryOk = v.pattern(p('country'), site.country, COUNTRY, 'an ISO 3166-1 alpha-2 country code (IT)');
  if (codeOk && countryOk && !(site.code as string).startsWith(`${site.country as string}-`)) v.add(p('code'), `must start with the country code '${site.country as string}-'`);
  v.text(p('name'), site.name, 200);
  v.text(p('city'), site.city, 200);
  v.pattern(p('programme'), site.programme, PROGRAMME, 'a programme code such as AMIL');
  v.text(p('clusterName'), site.clusterName, 200);
  v.date(p('startedOn'), site.startedOn);
  v.pattern(p('defaultLanguage'), site.defaultLanguage, LANGUAGE, 'a language code such as it');
  if (!v.required(p('targets'), site.targets) || !v.object(p('targets'), site.targets)) return;
  const targets = site.targets;
  v.onlyKeys(p('targets'), targets, TARGET_KEYS);
  for (const k of ['enrolled', 'placed'] as const) {
    if (v.required(['site', 'targets', k], targets[k]) && !(Number.isInteger(targets[k]) && (targets[k] as number) >= 0)) v.add(['site', 'targets', k], 'must be a whole number, 0 or more');
  }
  if (v.required(['site', 'targets', 'womenSharePct'], targets.womenSharePct) && !(typeof targets.womenSharePct === 'number' && targets.womenSharePct >= 0 && targets.womenSharePct <= 100)) {
    v.add(['site', 'targets', 'womenSharePct'], 'must be a percentage from 0 to 100');
  }
}

function isObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Small checks that record a problem and say whether the value passed. */
class Checker {
  constructor(readonly add: (path: FieldPath, message: string, atKey?: boolean) => void) {}

  required(path: FieldPath, value: unknown): boolean {
    if (value === undefined || value === null) {
      this.add(path, 'is required');
      return false;
    }
    return true;
  }

  optional(value: unknown, check: () => void): void {
    if (value !== undefined && value !== null) check();
  }

  object(path: FieldPath, value: unknown): value is Record<string, unknown> {
    if (isObject(value)) return true;
    this.add(path, 'must be a mapping of fields');
    return false;
  }

  /** A section is a list, or absent/empty. */
  list(path: FieldPath, value: unknown): unknown[] {
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    this.add(path, 'must be a list');
    return [];
  }

  onlyKeys(path: FieldPath, value: Record<string, unknown>, allowed: readonly string[]): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add([...path, key], `unknown field; expected one of ${allowed.join(', ')}`, true);
    }
  }

  text(path: FieldPath, value: unknown, maxLength: number): value is string {
    if (!this.required(path, value)) return false;
    if (typeof value !== 'string' || value.trim() === '') this.add(path, 'must be a non-empty text');
    else if (value.length > maxLength) this.add(path, `must be at most ${maxLength} characters`);
    else return true;
    return false;
  }

  pattern(path: FieldPath, value: unknown, re: RegExp, what: string): boolean {
    if (!this.required(path, value)) return false;
    if (typeof value === 'string' && re.test(value)) return true;
    this.add(path, `must be ${what}, not ${JSON.stringify(value)}`);
    return false;
  }

  oneOf(path: FieldPath, value: unknown, allowed: readonly string[]): boolean {
    if (!this.required(path, value)) return false;
    if (typeof value === 'string' && allowed.includes(value)) return true;
    this.add(path, `must be one of ${allowed.join(', ')}, not ${JSON.stringify(value)}`);
    return false;
  }

  boolean(path: FieldPath, value: unknown): boolean {
    if (typeof value === 'boolean') return true;
    this.add(path, `must be true or false, not ${JSON.stringify(value)}`);
    return false;
  }

  date(path: FieldPath, value: unknown): boolean {
    if (!this.required(path, value)) return false;
    const m = typeof value === 'string' ? DATE.exec(value) : null;
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      const dt = new Date(Date.UTC(y, mo - 1, d));
      if (dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d) return true;
    }
    this.add(path, `must be a calendar date YYYY-MM-DD, not ${JSON.stringify(value)}`);
    return false;
  }

  stringSet(path: FieldPath, value: unknown, ok: (s: string) => boolean, what: string): void {
    if (!this.required(path, value)) return;
    if (!Array.isArray(value) || value.length === 0) {
      this.add(path, 'must be a non-empty list');
      return;
    }
    const seen = new Set<string>();
    value.forEach((item, i) => {
      if (typeof item !== 'string' || !ok(item)) this.add([...path, i], `must be ${what}, not ${JSON.stringify(item)}`);
      else if (seen.has(item)) this.add([...path, i], `${item} is listed twice`);
      else seen.add(item);
    });
  }

  unique(seen: Map<string, number>, key: string, path: FieldPath, what: string): void {
    const first = seen.get(key);
    if (first === undefined) seen.set(key, path[1] as number);
    else this.add(path, `duplicate ${what} ${JSON.stringify(key)}: already given at ${String(path[0])}[${first}]`);
  }
}

function locator(doc: Document, lineCounter: LineCounter): LineLocator {
  const lineAt = (node: Node | null | undefined): number | null => (node?.range ? lineCounter.linePos(node.range[0]).line : null);
  return (path, atKey = false) => {
    let node: unknown = doc.contents;
    let line = lineAt(doc.contents) ?? 1;
    for (let i = 0; i < path.length; i += 1) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && it.key.value === seg);
        if (!pair) return line;
        if (last && atKey) return lineAt(pair.key as Node) ?? line;
        // An empty value (`name:`) has no node of its own: its key is where it is missing.
        line = lineAt(pair.value as Node) ?? lineAt(pair.key as Node) ?? line;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === 'number') {
        const item = node.items[seg];
        if (!item) return line;
        line = lineAt(item as Node) ?? line;
        node = item;
      } else {
        return line;
      }
    }
    return line;
  };
}
