import type { FieldProblem } from '@meic/service-kit';
import { IMMUTABLE_SITE_FIELDS, type PatchSiteBody, type SiteView } from './sites.schemas';

/** What a PATCH may change, and what site.updated carries besides the identity. */
export type SiteState = Pick<SiteView, 'name' | 'city' | 'clusterName' | 'startedOn' | 'defaultLanguage' | 'targets'>;

/** The database keeps two decimals; events and responses must say what was stored. */
export const roundPct = (pct: number): number => Math.round(pct * 100) / 100;

/** A code is its country plus a local part (IT-RM): the country decides where the data belongs. */
export function codeMismatch(code: string, country: string): FieldProblem[] {
  return code.startsWith(`${country}-`) ? [] : [{ path: '/code', message: `must start with the country code '${country}-'` }];
}

/** Named errors for fields a PATCH may not change, so the caller learns why rather than "unknown field". */
export function immutableFieldErrors(body: unknown): FieldProblem[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  return IMMUTABLE_SITE_FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(body, f)).map((f) => ({ path: `/${f}`, message: 'cannot be changed once the site is registered' }));
}

/** The state after a PATCH, or null when the PATCH changes nothing (then nothing is written or published). */
export function applySitePatch(current: SiteState, patch: PatchSiteBody): SiteState | null {
  const next: SiteState = {
    name: patch.name ?? current.name,
    city: patch.city ?? current.city,
    clusterName: patch.clusterName ?? current.clusterName,
    startedOn: patch.startedOn ?? current.startedOn,
    defaultLanguage: patch.defaultLanguage ?? current.defaultLanguage,
    targets: patch.targets ? { ...patch.targets, womenSharePct: roundPct(patch.targets.womenSharePct) } : current.targets,
  };
  const same =
    next.name === current.name &&
    next.city === current.city &&
    next.clusterName === current.clusterName &&
    next.startedOn === current.startedOn &&
    next.defaultLanguage === current.defaultLanguage &&
    next.targets.enrolled === current.targets.enrolled &&
    next.targets.placed === current.targets.placed &&
    next.targets.womenSharePct === current.targets.womenSharePct;
  return same ? null : next;
}
