// Light runtime checks of API responses, so that an unexpected body is reported as
// such instead of crashing a view. Not a schema validator: only what the UI relies on.
import type { Count, DisclosureNote, GroupBy, OverviewFigures, OverviewGroup, OverviewResponse, Rate, ViewFilterEcho } from './types';
import { GROUP_BY_VALUES } from './types';

export class ResponseShapeError extends Error {
  constructor(readonly path: string) {
    super(`Unexpected response from the analytics service at ${path}`);
    this.name = 'ResponseShapeError';
  }
}

// Shape checks every response parser builds on.
type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
export function numOrNull(v: unknown): v is number | null {
  return v === null || (typeof v === 'number' && Number.isFinite(v));
}
export function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new ResponseShapeError(path);
  return v;
}
export function strOrNull(v: unknown): v is string | null {
  return v === null || typeof v === 'string';
}
/** A count cell; a suppressed cell never carries a number, whatever the server sent. */
export function countCell(v: unknown, path: string): Count {
  const o = obj(v, path);
  const value = o.value ?? null;
  if (typeof o.suppressed !== 'boolean' || !numOrNull(value)) throw new ResponseShapeError(path);
  return { value: o.suppressed ? null : value, suppressed: o.suppressed };
}
/** A rate cell; a suppressed rate never carries a number. */
export function rateCell(v: unknown, path: string): Rate {
  const o = obj(v, path);
  if (typeof o.suppressed !== 'boolean') throw new ResponseShapeError(`${path}.suppressed`);
  const pick = (k: 'value' | 'low' | 'high' | 'numerator' | 'denominator'): number | null => {
    const x = o[k] ?? null;
    if (!numOrNull(x)) throw new ResponseShapeError(`${path}.${k}`);
    return o.suppressed ? null : x;
  };
  return { value: pick('value'), low: pick('low'), high: pick('high'), numerator: pick('numerator'), denominator: pick('denominator'), suppressed: o.suppressed };
}
/** The response's note on how its figures were protected; null when a response has none. */
export function disclosureNote(v: unknown): DisclosureNote | null {
  if (!isObj(v)) return null;
  if ((v.method !== 'exact' && v.method !== 'cell-key') || typeof v.asOf !== 'string' || typeof v.minCell !== 'number') throw new ResponseShapeError('$.disclosure');
  const n = (k: string) => {
    const x = v[k] ?? null;
    if (!numOrNull(x)) throw new ResponseShapeError(`$.disclosure.${k}`);
    return x;
  };
  return { method: v.method, asOf: v.asOf, minCell: v.minCell, maxPerturbation: n('maxPerturbation'), releaseBlock: n('releaseBlock'), minAtRisk: n('minAtRisk') };
}

export function viewHeader(o: Obj): { groupBy: GroupBy; filters: ViewFilterEcho; minCell: number; disclosure: DisclosureNote | null; generatedAt: string } {
  if (typeof o.groupBy !== 'string' || !(GROUP_BY_VALUES as readonly string[]).includes(o.groupBy)) throw new ResponseShapeError('$.groupBy');
  if (typeof o.minCell !== 'number' || !Number.isFinite(o.minCell)) throw new ResponseShapeError('$.minCell');
  const f = isObj(o.filters) ? o.filters : {};
  const filt = (k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
  return {
    groupBy: o.groupBy as GroupBy,
    filters: { from: filt('from'), to: filt('to'), asOf: filt('asOf'), country: filt('country'), site: filt('site'), programme: filt('programme') },
    minCell: o.minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
  };
}
export function groupIdentity(o: Obj, path: string): { key: string; label: string; country: string | null; programme: string | null } {
  if (typeof o.key !== 'string' || typeof o.label !== 'string') throw new ResponseShapeError(`${path}.key`);
  const country = o.country ?? null;
  const programme = o.programme ?? null;
  if ((country !== null && typeof country !== 'string') || (programme !== null && typeof programme !== 'string')) throw new ResponseShapeError(`${path}.country`);
  return { key: o.key, label: o.label, country, programme };
}


/** The named fields of an object, each checked by `is` (a missing one counts as null). */
function fields<K extends string, T>(v: unknown, path: string, keys: readonly K[], is: (x: unknown) => x is T | null): Record<K, T | null> {
  const o = isObj(v) ? v : {};
  const out = {} as Record<K, T | null>;
  for (const k of keys) {
    const x = o[k] ?? null;
    if (!is(x)) throw new ResponseShapeError(`${path}.${k}`);
    out[k] = x;
  }
  return out;
}

function figures(v: unknown, path: string): OverviewFigures {
  const o = obj(v, path);
  const median = o.medianDaysToPlacement ?? null;
  if (!numOrNull(median)) throw new ResponseShapeError(`${path}.medianDaysToPlacement`);
  return {
    enrolled: countCell(o.enrolled, `${path}.enrolled`),
    women: countCell(o.women, `${path}.women`),
    trained: countCell(o.trained, `${path}.trained`),
    internshipsStarted: countCell(o.internshipsStarted, `${path}.internshipsStarted`),
    placed: countCell(o.placed, `${path}.placed`),
    dropouts: countCell(o.dropouts, `${path}.dropouts`),
    placementRatePct: rateCell(o.placementRatePct, `${path}.placementRatePct`),
    medianDaysToPlacement: median,
    targets: fields(o.targets, `${path}.targets`, ['enrolled', 'placed', 'womenSharePct'] as const, numOrNull),
    progress: fields(o.progress, `${path}.progress`, ['enrolledPct', 'placedPct', 'womenSharePct'] as const, numOrNull),
    completeThrough: fields(o.completeThrough, `${path}.completeThrough`, ['enrolled', 'placed'] as const, strOrNull),
  };
}

function group(v: unknown, path: string): OverviewGroup {
  const o = obj(v, path);
  if (typeof o.key !== 'string' || typeof o.label !== 'string') throw new ResponseShapeError(`${path}.key`);
  const country = o.country ?? null;
  const programme = o.programme ?? null;
  if (!strOrNull(country) || !strOrNull(programme)) throw new ResponseShapeError(`${path}.country`);
  return { key: o.key, label: o.label, country, programme, ...figures(o, path) };
}

export function parseOverviewResponse(body: unknown): OverviewResponse {
  const o = obj(body, '$');
  if (typeof o.groupBy !== 'string' || !(GROUP_BY_VALUES as readonly string[]).includes(o.groupBy)) {
    throw new ResponseShapeError('$.groupBy');
  }
  if (!Array.isArray(o.groups)) throw new ResponseShapeError('$.groups');
  const minCell = o.minCell;
  if (typeof minCell !== 'number' || !Number.isFinite(minCell)) throw new ResponseShapeError('$.minCell');
  const f = isObj(o.filters) ? o.filters : {};
  const filt = (k: string): string | null => (typeof f[k] === 'string' ? (f[k] as string) : null);
  return {
    groupBy: o.groupBy as OverviewResponse['groupBy'],
    filters: { from: filt('from'), to: filt('to'), country: filt('country'), site: filt('site') },
    minCell,
    disclosure: disclosureNote(o.disclosure),
    generatedAt: typeof o.generatedAt === 'string' ? o.generatedAt : '',
    groups: o.groups.map((g, i) => group(g, `$.groups[${i}]`)),
    totals: figures(o.totals, '$.totals'),
  };
}
