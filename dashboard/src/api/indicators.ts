// The indicator catalogue evaluated for a period (GET /v1/indicators) and as defined
// (GET /v1/indicators/catalogue). Types, response checks and the fetches.
import type { Filters } from '../filters/filters';
import type { Lang } from '../i18n/langs';
import { getAnalytics, type QueryValue } from './http';
import type { Count, DisclosureNote, Rate } from './types';
import { countCell, disclosureNote, isObj, numOrNull, obj, rateCell, ResponseShapeError } from './validate';

export const INDICATOR_KINDS = ['count', 'rate', 'median_days', 'organisations', 'contributions'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface IndicatorSubCount {
  key: string;
  title: string;
  value: Count;
}

export interface IndicatorRate {
  key: string;
  /** Null when the indicator has a single rate. */
  title: string | null;
  rate: Rate;
}

export interface IndicatorByType {
  /** Organisation type, e.g. 'enterprise'. */
  type: string;
  /** e.g. members, active, hostedInternship … (organisations) or internships, placements … (contributions). */
  counts: [string, Count][];
}

export interface EvaluatedIndicator {
  code: string;
  title: string;
  description: string;
  unit: string;
  kind: IndicatorKind;
  disaggregations: string[];
  value: Count | null;
  of: IndicatorSubCount[];
  rates: IndicatorRate[];
  median: { days: number | null; cohort: Count } | null;
  byType: IndicatorByType[];
  target: { kind: string; value: number | null; progressPct: number | null } | null;
}

export interface IndicatorsResponse {
  period: { label: string | null; from: string; to: string };
  asOf: string;
  lang: string;
  filters: { country: string | null; programme: string | null; site: string | null };
  minCell: number;
  disclosure: DisclosureNote | null;
  generatedAt: string;
  indicators: EvaluatedIndicator[];
}

/** An indicator as defined: titles and descriptions per language, the rest kept as written. */
export interface IndicatorDefinition {
  code: string;
  title: Record<string, string>;
  description: Record<string, string>;
  unit: string;
  kind: string;
  disaggregations: string[];
  /** The kind-specific definition (conditions, numerator, denominator …), for the formal view. */
  definition: Record<string, unknown>;
}

type Obj = Record<string, unknown>;

function str(o: Obj, k: string, path: string): string {
  const v = o[k];
  if (typeof v !== 'string') throw new ResponseShapeError(`${path}.${k}`);
  return v;
}
function arr(o: Obj, k: string, path: string): unknown[] {
  const v = o[k] ?? [];
  if (!Array.isArray(v)) throw new ResponseShapeError(`${path}.${k}`);
  return v;
}
function strings(o: Obj, k: string, path: string): string[] {
  return arr(o, k, path).map((x, i) => {
    if (typeof x !== 'string') throw new ResponseShapeError(`${path}.${k}[${i}]`);
    return x;
  });
}

function indicator(v: unknown, path: string): EvaluatedIndicator {
  const o = obj(v, path);
  const kind = str(o, 'kind', path);
  if (!(INDICATOR_KINDS as readonly string[]).includes(kind)) throw new ResponseShapeError(`${path}.kind`);
  const median = o.median ?? null;
  let parsedMedian: EvaluatedIndicator['median'] = null;
  if (median !== null) {
    const m = obj(median, `${path}.median`);
    const days = m.days ?? null;
    if (!numOrNull(days)) throw new ResponseShapeError(`${path}.median.days`);
    const cohort = countCell(m.cohort, `${path}.median.cohort`);
    parsedMedian = { days: cohort.suppressed ? null : days, cohort };
  }
  const target = o.target ?? null;
  let parsedTarget: EvaluatedIndicator['target'] = null;
  if (target !== null) {
    const t = obj(target, `${path}.target`);
    const value = t.value ?? null;
    const progressPct = t.progressPct ?? null;
    if (!numOrNull(value) || !numOrNull(progressPct)) throw new ResponseShapeError(`${path}.target`);
    parsedTarget = { kind: str(t, 'kind', `${path}.target`), value, progressPct };
  }
  return {
    code: str(o, 'code', path),
    title: str(o, 'title', path),
    description: typeof o.description === 'string' ? o.description : '',
    unit: typeof o.unit === 'string' ? o.unit : '',
    kind: kind as IndicatorKind,
    disaggregations: strings(o, 'disaggregations', path),
    value: o.value === null || o.value === undefined ? null : countCell(o.value, `${path}.value`),
    of: arr(o, 'of', path).map((x, i) => {
      const s = obj(x, `${path}.of[${i}]`);
      return { key: str(s, 'key', `${path}.of[${i}]`), title: str(s, 'title', `${path}.of[${i}]`), value: countCell(s.value, `${path}.of[${i}].value`) };
    }),
    rates: arr(o, 'rates', path).map((x, i) => {
      const r = obj(x, `${path}.rates[${i}]`);
      const title = r.title ?? null;
      if (title !== null && typeof title !== 'string') throw new ResponseShapeError(`${path}.rates[${i}].title`);
      return { key: str(r, 'key', `${path}.rates[${i}]`), title, rate: rateCell(r.rate, `${path}.rates[${i}].rate`) };
    }),
    median: parsedMedian,
    byType: arr(o, 'byType', path).map((x, i) => {
      const b = obj(x, `${path}.byType[${i}]`);
      const counts = obj(b.counts, `${path}.byType[${i}].counts`);
      return { type: str(b, 'type', `${path}.byType[${i}]`), counts: Object.entries(counts).map(([k, c]) => [k, countCell(c, `${path}.byType[${i}].counts.${k}`)] as [string, Count]) };
    }),
    target: parsedTarget,
  };
}

export function parseIndicatorsResponse(body: unknown): IndicatorsResponse {
  const o = obj(body, '$');
  if (!Array.isArray(o.indicators)) throw new ResponseShapeError('$.indicators');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  const p = obj(o.period, '$.period');
  const label = p.label ?? null;
  if (label !== null && typeof label !== 'string') throw new ResponseShapeError('$.period.label');
  const f = isObj(o.filters) ? o.filters : {};
  const filt = (k: string): string | null => (typeof f[k] === 'string' ? f[k] : null);
  return {
    period: { label, from: str(p, 'from', '$.period'), to: str(p, 'to', '$.period') },
    asOf: typeof o.asOf === 'string' ? o.asOf : '',
    lang: typeof o.lang === 'string' ? o.lang : '',
    filters: { country: filt('country'), programme: filt('programme'), site: filt('site') },
    minCell: o.minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
    indicators: o.indicators.map((x, i) => indicator(x, `$.indicators[${i}]`)),
  };
}

function texts(v: unknown, path: string): Record<string, string> {
  if (typeof v === 'string') return { en: v };
  const o = obj(v, path);
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(o)) if (typeof x === 'string') out[k] = x;
  return out;
}

/** Fields shown as such; the rest of a definition is its formal, kind-specific part. */
const COMMON_FIELDS = new Set(['code', 'title', 'description', 'unit', 'kind', 'disaggregations']);

export function parseCatalogueResponse(body: unknown): IndicatorDefinition[] {
  const o = obj(body, '$');
  if (!Array.isArray(o.indicators)) throw new ResponseShapeError('$.indicators');
  return o.indicators.map((x, i) => {
    const path = `$.indicators[${i}]`;
    const d = obj(x, path);
    return {
      code: str(d, 'code', path),
      title: texts(d.title, `${path}.title`),
      description: d.description === undefined ? {} : texts(d.description, `${path}.description`),
      unit: typeof d.unit === 'string' ? d.unit : '',
      kind: str(d, 'kind', path),
      disaggregations: strings(d, 'disaggregations', path),
      definition: Object.fromEntries(Object.entries(d).filter(([k]) => !COMMON_FIELDS.has(k))),
    };
  });
}

/**
 * The period the API takes, from the shared filters: an inclusive range when both dates are
 * set; otherwise none (the whole history), since the API has no open-ended range.
 */
export function indicatorsPeriod(filters: Pick<Filters, 'from' | 'to'>): string | null {
  return filters.from && filters.to ? `${filters.from}..${filters.to}` : null;
}

export function indicatorsQuery(filters: Filters, lang: Lang): Record<string, QueryValue> {
  return { period: indicatorsPeriod(filters), lang, country: filters.country, programme: filters.programme, site: filters.site };
}

export function fetchIndicators(token: string, query: { filters: Filters; lang: Lang }, signal?: AbortSignal): Promise<IndicatorsResponse> {
  return getAnalytics('/v1/indicators', parseIndicatorsResponse, { token, signal, query: indicatorsQuery(query.filters, query.lang) });
}

export function fetchIndicatorCatalogue(token: string, signal?: AbortSignal): Promise<IndicatorDefinition[]> {
  return getAnalytics('/v1/indicators/catalogue', parseCatalogueResponse, { token, signal });
}
