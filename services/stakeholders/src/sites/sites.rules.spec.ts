import { applySitePatch, codeMismatch, immutableFieldErrors, roundPct, type SiteState } from './sites.rules';

const current: SiteState = {
  name: 'Roma',
  city: 'Roma',
  clusterName: 'Cluster MEIC Roma',
  startedOn: '2026-01-15',
  defaultLanguage: 'it',
  targets: { enrolled: 120, placed: 45, womenSharePct: 40 },
};

describe('applySitePatch', () => {
  it('returns null when the patch is empty or repeats the current values', () => {
    expect(applySitePatch(current, {})).toBeNull();
    expect(applySitePatch(current, { name: 'Roma', targets: { enrolled: 120, placed: 45, womenSharePct: 40 } })).toBeNull();
  });

  it('returns the whole new state, changing only what the patch names', () => {
    expect(applySitePatch(current, { city: 'Fiumicino' })).toEqual({ ...current, city: 'Fiumicino' });
  });

  it('replaces targets as a whole object', () => {
    expect(applySitePatch(current, { targets: { enrolled: 150, placed: 45, womenSharePct: 40 } })?.targets).toEqual({ enrolled: 150, placed: 45, womenSharePct: 40 });
  });

  it('compares the women share at the two decimals the database keeps', () => {
    expect(applySitePatch(current, { targets: { enrolled: 120, placed: 45, womenSharePct: 40.001 } })).toBeNull();
    expect(applySitePatch(current, { targets: { enrolled: 120, placed: 45, womenSharePct: 40.456 } })?.targets.womenSharePct).toBe(40.46);
  });
});

describe('immutableFieldErrors', () => {
  it('names code, country and programme when a patch contains them', () => {
    expect(immutableFieldErrors({ code: 'IT-X', country: 'IT', programme: 'AMIR', name: 'x' })).toEqual([
      { path: '/code', message: 'cannot be changed once the site is registered' },
      { path: '/country', message: 'cannot be changed once the site is registered' },
      { path: '/programme', message: 'cannot be changed once the site is registered' },
    ]);
  });

  it('finds nothing in a patch of mutable fields or in a non-object', () => {
    expect(immutableFieldErrors({ name: 'x', city: 'y' })).toEqual([]);
    expect(immutableFieldErrors([])).toEqual([]);
    expect(immutableFieldErrors(null)).toEqual([]);
  });
});

describe('codeMismatch', () => {
  it('wants the code to start with the country', () => {
    expect(codeMismatch('IT-RM', 'IT')).toEqual([]);
    expect(codeMismatch('IT-RM', 'CY')).toEqual([{ path: '/code', message: "must start with the country code 'CY-'" }]);
  });
});

describe('roundPct', () => {
  it('keeps two decimals', () => {
    expect(roundPct(33.333)).toBe(33.33);
    expect(roundPct(40)).toBe(40);
  });
});
