/**
 * A spreadsheet row → the pieces of a REST body, before references are resolved: cell text is
 * converted by column kind (dates, numbers, booleans, `;` lists, `code:CEFR` pairs), dotted
 * columns become nested objects, and the result is checked against the same primitives the
 * services validate with, so a dry run rejects what the services would reject.
 */
import { BARRIERS, CEFR_LEVELS, CONTRACT_TYPES, COURSE_OUTCOMES, CountryCode, createAjv, DROPOUT_REASONS, INTERNSHIP_OUTCOMES, LanguageCode, LEGAL_STATUSES, MENTORING_AREAS, NaceSection, RECOMMENDED_ACTIVITIES, SEXES, toFieldErrors } from '@meic/contracts';
import { RECORD_COLUMNS, type RecordRow, type RecordType } from './record-types';

export interface RowError {
  column: string;
  reason: string;
}

/** Columns whose cell values are about the person: never echoed in reports. */
export function isPersonalColumn(column: string): boolean {
  return column.startsWith('person.') || column === 'skills' || column === 'employerName';
}

type ColumnKind = 'text' | 'date' | 'integer' | 'number' | 'boolean' | 'list' | 'languages';

const KINDS: Record<string, ColumnKind> = {
  enrolledOn: 'date',
  'person.birthDate': 'date',
  'consent.recordedOn': 'date',
  assessedOn: 'date',
  completedOn: 'date',
  startedOn: 'date',
  plannedEndOn: 'date',
  endedOn: 'date',
  placementStartedOn: 'date',
  recordedOn: 'date',
  on: 'date',
  arrivalYear: 'integer',
  educationIsced: 'integer',
  monthsAfterPlacement: 'integer',
  hoursAttended: 'number',
  hoursPerWeek: 'number',
  'consent.dataProcessing': 'boolean',
  'consent.evaluationFollowUp': 'boolean',
  employed: 'boolean',
  skills: 'list',
  barriers: 'list',
  recommendedActivities: 'list',
  areas: 'list',
  languages: 'languages',
};

const TRUE = new Set(['true', 'yes', '1', 'y']);
const FALSE = new Set(['false', 'no', '0', 'n']);

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

const splitList = (text: string) =>
  text
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** One cell → its JSON value, or the reason it cannot be one. */
export function convertCell(column: string, text: string): { value: unknown } | { error: string } {
  const kind = KINDS[column] ?? 'text';
  switch (kind) {
    case 'text':
      return { value: text };
    case 'date':
      return isCalendarDate(text) ? { value: text } : { error: 'must be a date YYYY-MM-DD' };
    case 'integer':
      return /^-?\d+$/.test(text) ? { value: Number(text) } : { error: 'must be a whole number' };
    case 'number': {
      const n = Number(text.replace(',', '.'));
      return text !== '' && Number.isFinite(n) ? { value: n } : { error: 'must be a number' };
    }
    case 'boolean': {
      const lower = text.toLowerCase();
      if (TRUE.has(lower)) return { value: true };
      if (FALSE.has(lower)) return { value: false };
      return { error: 'must be true or false (yes/no, 1/0)' };
    }
    case 'list':
      return { value: splitList(text) };
    case 'languages': {
      const pairs = splitList(text).map((p) => p.split(':').map((s) => s.trim()));
      if (pairs.some((p) => p.length !== 2 || !p[0] || !p[1])) return { error: 'must be code:CEFR pairs separated by ;, e.g. ar:C2;it:A2' };
      return { value: pairs.map(([code, cefr]) => ({ code, cefr })) };
    }
  }
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node[part] ??= {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

/** The columns that name other records: resolved by the writer, not sent as they are. */
export const REFERENCE_COLUMNS = new Set(['beneficiaryRef', 'courseTitle', 'hostOrg', 'employerOrg', 'mentor', 'placementStartedOn']);

/** Columns sent with a second request (ending an internship or a match), not the creating one. */
const END_COLUMNS: Partial<Record<RecordType, readonly string[]>> = { internships: ['endedOn', 'outcome'], 'mentoring-matches': ['endedOn'] };

export interface ConvertedRow {
  /** The creating body without resolved references (and without siteCode). */
  body: Record<string, unknown>;
  /** The ending body (internships, mentoring matches), when the row has one. */
  end?: Record<string, unknown>;
  /** Reference columns' text: beneficiaryRef, courseTitle, hostOrg, employerOrg, mentor, placementStartedOn. */
  refs: Partial<Record<string, string>>;
}

const enumOf = (values: readonly string[]) => ({ enum: [...values] });
const date = { type: 'string', format: 'date' };
const arrayOf = (items: object, extra: object = {}) => ({ type: 'array', items, ...extra });
const object = (properties: Record<string, object>, required: string[]) => ({ type: 'object', properties, required, additionalProperties: false });

/**
 * The data fields of each body as the services declare them (same primitives, same limits);
 * references are checked by resolving them, so they are not in here.
 */
const SCHEMAS: Record<RecordType, object> = {
  beneficiaries: object(
    {
      ref: { type: 'string', minLength: 1, maxLength: 64 },
      enrolledOn: date,
      person: object(
        {
          givenName: { type: 'string', minLength: 1, maxLength: 200 },
          familyName: { type: 'string', minLength: 1, maxLength: 200 },
          birthDate: date,
          phone: { type: 'string', pattern: '^\\+?[0-9 ()-]{5,30}$' },
          email: { type: 'string', format: 'email', maxLength: 320 },
        },
        ['givenName', 'familyName', 'birthDate'],
      ),
      sex: enumOf(SEXES),
      citizenship: { type: 'string', pattern: CountryCode.pattern },
      legalStatus: enumOf(LEGAL_STATUSES),
      arrivalYear: { type: 'integer', minimum: 1950, maximum: new Date().getUTCFullYear() + 1 },
      educationIsced: { type: 'integer', minimum: 0, maximum: 8 },
      languages: arrayOf(object({ code: { type: 'string', pattern: LanguageCode.pattern }, cefr: enumOf(CEFR_LEVELS) }, ['code', 'cefr']), { maxItems: 20 }),
      consent: object({ dataProcessing: { const: true }, evaluationFollowUp: { type: 'boolean' }, recordedOn: date }, ['dataProcessing', 'evaluationFollowUp', 'recordedOn']),
    },
    ['ref', 'enrolledOn', 'person', 'sex', 'citizenship', 'legalStatus', 'arrivalYear', 'educationIsced', 'languages', 'consent'],
  ),
  assessments: object(
    {
      assessedOn: date,
      skills: arrayOf({ type: 'string', minLength: 1, maxLength: 500 }, { maxItems: 100 }),
      barriers: arrayOf(enumOf(BARRIERS), { uniqueItems: true }),
      recommendedActivities: arrayOf(enumOf(RECOMMENDED_ACTIVITIES), { uniqueItems: true }),
    },
    ['assessedOn', 'skills', 'barriers', 'recommendedActivities'],
  ),
  enrolments: object({ enrolledOn: date, cefrLevelAtStart: enumOf(CEFR_LEVELS) }, ['enrolledOn']),
  completions: object(
    { outcome: enumOf(COURSE_OUTCOMES), completedOn: date, hoursAttended: { type: 'number', minimum: 0, maximum: 10000 }, cefrLevelReached: enumOf(CEFR_LEVELS) },
    ['outcome', 'completedOn', 'hoursAttended'],
  ),
  internships: object({ startedOn: date, plannedEndOn: date }, ['startedOn', 'plannedEndOn']),
  placements: object(
    {
      employerName: { type: 'string', minLength: 1, maxLength: 200 },
      contractType: enumOf(CONTRACT_TYPES),
      hoursPerWeek: { type: 'number', exclusiveMinimum: 0, maximum: 80 },
      naceSector: { type: 'string', pattern: NaceSection.pattern },
      startedOn: date,
    },
    ['contractType', 'hoursPerWeek', 'naceSector', 'startedOn'],
  ),
  'follow-ups': object({ monthsAfterPlacement: { enum: [3, 6, 12] }, employed: { type: 'boolean' }, recordedOn: date }, ['monthsAfterPlacement', 'employed', 'recordedOn']),
  dropouts: object({ reason: enumOf(DROPOUT_REASONS), on: date }, ['reason', 'on']),
  'mentoring-matches': object({ areas: arrayOf(enumOf(MENTORING_AREAS), { minItems: 1, uniqueItems: true }), startedOn: date }, ['areas', 'startedOn']),
};

const END_SCHEMAS: Partial<Record<RecordType, object>> = {
  internships: object({ endedOn: date, outcome: enumOf(INTERNSHIP_OUTCOMES) }, ['endedOn', 'outcome']),
  'mentoring-matches': object({ endedOn: date }, ['endedOn']),
};

const ajv = createAjv({ strict: false });
type ValidateFunction = ReturnType<typeof ajv.compile>;
const validators = new Map<object, ValidateFunction>();
function validatorOf(schema: object): ValidateFunction {
  const known = validators.get(schema);
  if (known) return known;
  const compiled = ajv.compile(schema);
  validators.set(schema, compiled);
  return compiled;
}

/** Body paths that are not the column's dotted name. */
const PATH_COLUMNS: Record<string, string> = {
  beneficiaryId: 'beneficiaryRef',
  hostOrgId: 'hostOrg',
  employerOrgId: 'employerOrg',
  mentorId: 'mentor',
  placementId: 'placementStartedOn',
  courseId: 'courseTitle',
};

/**
 * A problem's JSON Pointer → the column the user can fix: `/person/givenName` → `person.givenName`,
 * `/languages/1/cefr` → `languages`, `/beneficiaryId` → `beneficiaryRef`.
 */
export function columnOfPath(type: RecordType, path: string): string {
  const segments = path.replace(/^\//, '').split('/').filter((s) => s.length > 0);
  const upToIndex: string[] = [];
  for (const s of segments) {
    if (/^\d+$/.test(s)) break;
    upToIndex.push(s);
  }
  const columns = RECORD_COLUMNS[type].map((c) => c.name);
  for (let n = upToIndex.length; n > 0; n -= 1) {
    const dotted = upToIndex.slice(0, n).join('.');
    const column = PATH_COLUMNS[dotted] ?? dotted;
    if (columns.includes(column)) return column;
  }
  return '(row)';
}

/** `must be one of "a", "b"` reads better without the JSON quotes in a spreadsheet report. */
export function readableReason(message: string): string {
  if (message === 'must be equal to constant') return 'must be true (without consent to data processing nothing is recorded)';
  if (message.startsWith('must be equal to one of the allowed values')) return message;
  return message.replace(/"([^"]*)"/g, '$1');
}

function schemaErrors(type: RecordType, schema: object, value: unknown, prefix = ''): RowError[] {
  const validate = validatorOf(schema);
  if (validate(value)) return [];
  return toFieldErrors(validate.errors).map((e) => ({ column: columnOfPath(type, `${prefix}${e.path}`), reason: (e.message.startsWith('must be equal to one of the allowed values') ? enumReason(schema, e.path) : undefined) ?? readableReason(e.message) }));
}

/** Ajv says "must be equal to one of the allowed values"; the user needs the values. */
function enumReason(schema: object, path: string): string | undefined {
  let node: unknown = schema;
  for (const segment of path.replace(/^\//, '').split('/').filter((s) => s.length > 0)) {
    const n = node as { properties?: Record<string, unknown>; items?: unknown };
    node = /^\d+$/.test(segment) ? n.items : n.properties?.[segment];
    if (node === undefined) return undefined;
  }
  const values = (node as { enum?: unknown[] } | undefined)?.enum;
  return values ? `must be one of ${values.join(', ')}` : undefined;
}

/** Converts and checks a row; errors name the column and never carry a cell's value. */
export function convertRow(type: RecordType, row: RecordRow): { ok: true; converted: ConvertedRow } | { ok: false; errors: RowError[] } {
  const errors: RowError[] = [];
  const body: Record<string, unknown> = {};
  const end: Record<string, unknown> = {};
  const refs: Partial<Record<string, string>> = {};
  const endColumns = END_COLUMNS[type] ?? [];
  for (const spec of RECORD_COLUMNS[type]) {
    const text = (row[spec.name] ?? '').trim();
    if (text === '') {
      if (spec.required) errors.push({ column: spec.name, reason: 'is required' });
      continue;
    }
    if (REFERENCE_COLUMNS.has(spec.name)) {
      if (KINDS[spec.name] === 'date' && !isCalendarDate(text)) errors.push({ column: spec.name, reason: 'must be a date YYYY-MM-DD' });
      refs[spec.name] = text;
      continue;
    }
    const cell = convertCell(spec.name, text);
    if ('error' in cell) {
      errors.push({ column: spec.name, reason: cell.error });
      continue;
    }
    setPath(endColumns.includes(spec.name) ? end : body, spec.name, cell.value);
  }
  if (type === 'beneficiaries') body['languages'] ??= [];
  if (type === 'assessments') for (const list of ['skills', 'barriers', 'recommendedActivities']) body[list] ??= [];
  if (type === 'placements') {
    const given = ['employerOrg', 'employerName'].filter((c) => (row[c] ?? '').trim() !== '');
    if (given.length !== 1) errors.push({ column: 'employerOrg', reason: given.length === 0 ? 'give employerOrg or employerName' : 'give employerOrg or employerName, not both' });
  }
  if (type === 'beneficiaries') {
    const person = body['person'] as { birthDate?: unknown } | undefined;
    // The service's own rule, checked here too so that a dry run finds it.
    if (typeof person?.birthDate === 'string' && typeof body['enrolledOn'] === 'string' && person.birthDate > body['enrolledOn']) {
      errors.push({ column: 'person.birthDate', reason: 'must be before enrolledOn' });
    }
  }
  // Ignore the schema's view of columns that already failed conversion: one reason per column.
  const failed = new Set(errors.map((e) => e.column));
  const fromSchema = schemaErrors(type, SCHEMAS[type], body).filter((e) => !failed.has(e.column));
  errors.push(...fromSchema);
  const endSchema = END_SCHEMAS[type];
  const hasEnd = Object.keys(end).length > 0;
  if (endSchema && hasEnd) errors.push(...schemaErrors(type, endSchema, end).filter((e) => !failed.has(e.column)));
  if (errors.length > 0) return { ok: false, errors: dedupe(errors) };
  return { ok: true, converted: { body, ...(hasEnd ? { end } : {}), refs } };
}

function dedupe(errors: RowError[]): RowError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const key = `${e.column}\u0000${e.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Server messages are mostly about fields, but a detail may quote what it was sent: any
 * personal cell of the row found in it is blanked out before it reaches a report.
 */
export function redactRowValues(message: string, row: RecordRow): string {
  let out = message;
  for (const [column, value] of Object.entries(row)) {
    const text = value.trim();
    if (isPersonalColumn(column) && text.length >= 2) out = out.split(text).join('…');
  }
  return out;
}
