import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value';
import { parseDocument } from 'yaml';
import { ATTRIBUTE_NAMES, STEP_NAMES, type Condition } from '../kpis/measures';

/**
 * The indicator catalogue (kpis.md "Indicator catalogue"): indicators are data, written in the
 * condition language of `measures.ts`, so a managing authority adds or retitles one by editing a
 * file. The file is checked at boot, and a bad one stops the service with a message naming the
 * file, the indicator and the field, rather than serving a wrong figure later.
 */
export const DEFAULT_CATALOGUE = join(__dirname, '..', '..', 'catalogue', 'indicators.yaml');

export const LANGUAGES = ['en', 'it', 'el'] as const;
export type Language = (typeof LANGUAGES)[number];

const literals = <T extends string>(values: readonly T[], description?: string) => Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});

const StepName = literals(STEP_NAMES, 'A step of measures.ts STEPS');
const AttributeName = literals(ATTRIBUTE_NAMES, 'An attribute of measures.ts ATTRIBUTES, or courseType');
const Months = Type.Integer({ minimum: 0, maximum: 240 });

/** measures.ts `Condition`, as JSON Schema. */
export const ConditionSchema = Type.Recursive(
  (Self) =>
    Type.Union([
      Type.Object({ step: StepName, when: Type.Optional(literals(['period', 'ever'] as const)), withinMonths: Type.Optional(Months) }, { additionalProperties: false }),
      Type.Object({ attribute: AttributeName, in: Type.Array(Type.String({ minLength: 1 }), { minItems: 1 }) }, { additionalProperties: false }),
      Type.Object({ observable: Type.Object({ months: Months }, { additionalProperties: false }) }, { additionalProperties: false }),
      Type.Object({ followUpDue: Type.Union([Type.Literal(3), Type.Literal(6), Type.Literal(12)]) }, { additionalProperties: false }),
      Type.Object({ all: Type.Array(Self) }, { additionalProperties: false }),
      Type.Object({ any: Type.Array(Self) }, { additionalProperties: false }),
      Type.Object({ not: Self }, { additionalProperties: false }),
    ]),
  { $id: 'IndicatorCondition' },
);

const Text = Type.String({ minLength: 1 });
/** A title in every UI language. */
const Titles = Type.Object({ en: Text, it: Text, el: Text }, { additionalProperties: false });
/** A description in English at least. */
const Descriptions = Type.Object({ en: Text, it: Type.Optional(Text), el: Type.Optional(Text) }, { additionalProperties: false });
const Key = Type.String({ pattern: '^[a-z][A-Za-z0-9]*$', description: 'camelCase key of a sub-figure' });

export const KINDS = ['count', 'rate', 'median_days', 'organisations', 'contributions'] as const;
export type IndicatorKind = (typeof KINDS)[number];
export const TARGETS = ['enrolled', 'placed'] as const;
export const DISAGGREGATIONS = ['sex', 'ageBand', 'legalStatus', 'citizenship', 'courseType', 'site', 'country', 'programme'] as const;
/** Categorisations a sub-count may be a column of (exhaustive ones with fixed categories, measures.ts). */
export const SUBCOUNT_CATEGORISATIONS = ['sex', 'ageBand', 'legalStatus', 'programme', 'firstContractType'] as const;
export const ORGANISATION_COUNTS = ['members', 'active', 'providedCourse', 'hostedInternship', 'hired'] as const;
export const CONTRIBUTION_COUNTS = ['internships', 'placements', 'courses'] as const;

/** Fields every indicator has, whatever its kind. */
const Common = {
  code: Type.String({ pattern: '^[A-Z][A-Z0-9]*(-[A-Z0-9]+)*$', description: 'Stable code, e.g. MEIC-01' }),
  title: Titles,
  description: Descriptions,
  unit: Text,
  kind: literals(KINDS),
  disaggregations: Type.Optional(Type.Array(literals(DISAGGREGATIONS), { uniqueItems: true, description: 'Breakdowns the dashboard may offer' })),
};

const SubCount = Type.Union([
  Type.Object({ key: Key, title: Titles, condition: ConditionSchema }, { additionalProperties: false }),
  // A column of a categorisation: the same people, so the same figure, as that breakdown's.
  Type.Object({ key: Key, title: Titles, category: Type.Object({ by: literals(SUBCOUNT_CATEGORISATIONS), value: Text }, { additionalProperties: false }) }, { additionalProperties: false }),
]);

const RateDef = Type.Object({ key: Key, title: Type.Optional(Titles), numerator: ConditionSchema, denominator: ConditionSchema }, { additionalProperties: false });

export const CountIndicator = Type.Object(
  {
    ...Common,
    kind: Type.Literal('count'),
    condition: ConditionSchema,
    of: Type.Optional(Type.Array(SubCount)),
    target: Type.Optional(literals(TARGETS, 'Site target the count is compared with')),
  },
  { additionalProperties: false },
);
export const RateIndicator = Type.Object(
  {
    ...Common,
    kind: Type.Literal('rate'),
    // One rate…
    numerator: Type.Optional(ConditionSchema),
    denominator: Type.Optional(ConditionSchema),
    // …or several (e.g. within 6 and within 12 months); the numerator is counted within its denominator.
    rates: Type.Optional(Type.Array(RateDef, { minItems: 1 })),
  },
  { additionalProperties: false },
);
export const MedianDaysIndicator = Type.Object(
  {
    ...Common,
    kind: Type.Literal('median_days'),
    cohort: ConditionSchema,
    step: StepName,
  },
  { additionalProperties: false },
);
export const OrganisationsIndicator = Type.Object(
  { ...Common, kind: Type.Literal('organisations'), counts: Type.Optional(Type.Array(literals(ORGANISATION_COUNTS), { minItems: 1, uniqueItems: true })) },
  { additionalProperties: false },
);
export const ContributionsIndicator = Type.Object(
  { ...Common, kind: Type.Literal('contributions'), counts: Type.Optional(Type.Array(literals(CONTRIBUTION_COUNTS), { minItems: 1, uniqueItems: true })) },
  { additionalProperties: false },
);

export const IndicatorSchema = Type.Union([CountIndicator, RateIndicator, MedianDaysIndicator, OrganisationsIndicator, ContributionsIndicator]);
export type IndicatorDef = Static<typeof IndicatorSchema>;
export const CatalogueSchema = Type.Object({ indicators: Type.Array(Type.Unknown(), { minItems: 1 }) }, { additionalProperties: false });
/** The catalogue as served; entries as in the file (the condition schema is recursive, so it is described, not repeated, here). */
export const CatalogueResponse = Type.Object({
  indicators: Type.Array(
    Type.Object(
      { code: Common.code, title: Titles, description: Descriptions, unit: Text, kind: Common.kind, disaggregations: Common.disaggregations },
      { additionalProperties: true, description: 'An indicator as defined: kind-specific fields (condition, of, numerator, denominator, rates, cohort, step, counts, target) in the condition language of measures.ts' },
    ),
  ),
});
export type CatalogueResponse = { indicators: IndicatorDef[] };

const KIND_SCHEMA: Record<IndicatorKind, TSchema> = {
  count: CountIndicator,
  rate: RateIndicator,
  median_days: MedianDaysIndicator,
  organisations: OrganisationsIndicator,
  contributions: ContributionsIndicator,
};

export class CatalogueError extends Error {
  constructor(file: string, problems: readonly string[]) {
    super(`indicator catalogue ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'CatalogueError';
  }
}

/** A validated catalogue: the indicators in file order, and the rates of each rate indicator in one form. */
export interface Catalogue {
  file: string;
  indicators: IndicatorDef[];
}

export type RateSpec = { key: string; title?: Static<typeof Titles>; numerator: Condition; denominator: Condition };

/** The rates of a rate indicator, whichever form the file uses. */
export function ratesOf(def: Static<typeof RateIndicator>): RateSpec[] {
  if (def.rates) return def.rates as RateSpec[];
  return [{ key: 'rate', numerator: def.numerator as Condition, denominator: def.denominator as Condition }];
}

export function loadCatalogue(file: string = DEFAULT_CATALOGUE): Catalogue {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CatalogueError(file, [`cannot be read: ${(e as Error).message}`]);
  }
  return parseCatalogue(text, file);
}

/** Parses and checks a catalogue (YAML, or JSON, which is YAML too). */
export function parseCatalogue(text: string, file: string): Catalogue {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) throw new CatalogueError(file, doc.errors.map((e) => e.message));
  const data: unknown = doc.toJS();
  if (!Value.Check(CatalogueSchema, data)) throw new CatalogueError(file, firstPerPath(Value.Errors(CatalogueSchema, data), 5).map((e) => describe('', e)));
  const problems: string[] = [];
  const indicators: IndicatorDef[] = [];
  const codes = new Map<string, number>();
  data.indicators.forEach((entry, i) => {
    const code = typeof (entry as { code?: unknown } | null)?.code === 'string' ? (entry as { code: string }).code : null;
    const where = `indicator ${code ?? '(no code)'} (indicators[${i}])`;
    const kind = (entry as { kind?: unknown } | null)?.kind;
    if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) {
      problems.push(`${where}: /kind must be one of ${KINDS.join(', ')} (got ${JSON.stringify(kind)})`);
      return;
    }
    const schema = KIND_SCHEMA[kind as IndicatorKind];
    if (!Value.Check(schema, entry)) {
      for (const e of firstPerPath(Value.Errors(schema, entry), 3)) problems.push(`${where}: ${describe('', e)}`);
      return;
    }
    const def = entry as IndicatorDef;
    for (const p of semanticProblems(def)) problems.push(`${where}: ${p}`);
    if (code !== null) {
      const first = codes.get(code);
      if (first !== undefined) problems.push(`${where}: code ${code} is already used by indicators[${first}]`);
      else codes.set(code, i);
    }
    indicators.push(def);
  });
  if (problems.length > 0) throw new CatalogueError(file, problems);
  return { file, indicators };
}

/** What a JSON Schema cannot say: one rate form, unique sub-figure keys. */
function semanticProblems(def: IndicatorDef): string[] {
  const out: string[] = [];
  switch (def.kind) {
    case 'count': {
      const keys = (def.of ?? []).map((o) => o.key);
      const dup = keys.find((k, j) => keys.indexOf(k) !== j);
      if (dup) out.push(`/of: key ${dup} appears twice`);
      break;
    }
    case 'rate': {
      const single = def.numerator !== undefined || def.denominator !== undefined;
      if (single && def.rates) out.push('give either numerator and denominator, or rates, not both');
      else if (!def.rates && (def.numerator === undefined || def.denominator === undefined)) out.push('a rate needs numerator and denominator (or rates)');
      const keys = (def.rates ?? []).map((r) => r.key);
      const dup = keys.find((k, j) => keys.indexOf(k) !== j);
      if (dup) out.push(`/rates: key ${dup} appears twice`);
      break;
    }
    case 'median_days':
    case 'organisations':
    case 'contributions':
      break;
    default: {
      const never: never = def;
      throw new Error(`unknown kind ${JSON.stringify(never)}`);
    }
  }
  return out;
}

/**
 * One error as a reader can act on it. A failed union (a condition, a step name) says little by
 * itself, so follow the alternative that got furthest into the value, or list the allowed words.
 */
function describe(prefix: string, e: ValueError): string {
  const at = `${prefix}${e.path || '/'}`;
  if (e.type === ValueErrorType.Union && e.errors.length > 0) {
    const variants = e.errors.map((it) => [...it]);
    const allLiterals = variants.every((errs) => errs.length === 1 && errs[0]?.type === ValueErrorType.Literal && errs[0].path === e.path);
    if (allLiterals) {
      const allowed = variants.map((errs) => String((errs[0]?.schema as { const?: unknown }).const));
      return `${at} must be one of ${allowed.join(', ')} (got ${JSON.stringify(e.value)})`;
    }
    // The alternative whose first error lies deepest is the one the author meant, unless it only
    // misses its key field: then the value matches no alternative at all.
    let best: ValueError | undefined;
    for (const errs of variants) {
      const first = errs[0];
      if (first && (!best || depth(first.path) > depth(best.path))) best = first;
    }
    const shapeOnly = !best || best.type === ValueErrorType.ObjectRequiredProperty || best.type === ValueErrorType.ObjectAdditionalProperties;
    if (best && !shapeOnly && depth(best.path) > depth(e.path)) return describe(prefix, best);
    return `${at} is not a valid ${isCondition(e.schema) ? 'condition: use one of step, attribute, observable, followUpDue, all, any, not' : 'value'} (got ${JSON.stringify(e.value)})`;
  }
  if (e.type === ValueErrorType.ObjectAdditionalProperties) return `${at} is not a field of this kind of indicator or condition`;
  if (e.type === ValueErrorType.ObjectRequiredProperty) return `${at} is required`;
  return `${at} ${e.message.toLowerCase()}${e.value === undefined ? '' : ` (got ${JSON.stringify(e.value)})`}`;
}

/** One message per field: a missing field also fails its type check. */
function firstPerPath(errors: Iterable<ValueError>, max: number): ValueError[] {
  const seen = new Set<string>();
  const out: ValueError[] = [];
  for (const e of errors) {
    if (seen.has(e.path)) continue;
    seen.add(e.path);
    out.push(e);
    if (out.length === max) break;
  }
  return out;
}

function isCondition(schema: TSchema): boolean {
  return (schema as { $id?: string }).$id === 'IndicatorCondition' || (schema as { anyOf?: TSchema[] }).anyOf?.some((s) => 'step' in ((s as { properties?: object }).properties ?? {})) === true;
}

function depth(path: string): number {
  return path.split('/').length;
}
