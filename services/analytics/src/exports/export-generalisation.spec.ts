import { chooseGeneralisation, GENERALISATIONS, MAX_SUPPRESSED_SHARE, releaseQuarterEnd, wholeQuarters } from './export-generalisation';

describe('export generalisation', () => {
  it('takes the finest level that leaves out at most 5 % of the release, else the coarsest', () => {
    expect(MAX_SUPPRESSED_SHARE).toBe(0.05);
    expect(chooseGeneralisation(1000, [50, 10, 0]).level).toBe(0);
    expect(chooseGeneralisation(1000, [51, 10, 0]).level).toBe(1);
    expect(chooseGeneralisation(1000, [300, 200, 100]).level).toBe(2);
    expect(chooseGeneralisation(0, [0, 0, 0]).level).toBe(0);
  });

  it('nests its levels: each coarsens every quasi-identifier at least as much as the one before', () => {
    for (let i = 1; i < GENERALISATIONS.length; i++) {
      const [a, b] = [GENERALISATIONS[i - 1], GENERALISATIONS[i]] as const;
      expect(b?.citizenshipTop).toBeLessThanOrEqual(a?.citizenshipTop as number);
      expect(Number(b?.mergeOtherSexes)).toBeGreaterThanOrEqual(Number(a?.mergeOtherSexes));
      expect(Number(b?.coarseAgeBands)).toBeGreaterThanOrEqual(Number(a?.coarseAgeBands));
    }
  });

  it('releases at quarter ends that have passed, and widens periods to whole quarters', () => {
    expect(releaseQuarterEnd('2026-12-07', '2026-12-07')).toBe('2026-09-30');
    expect(releaseQuarterEnd('2026-09-30', '2026-12-07')).toBe('2026-09-30');
    expect(releaseQuarterEnd('2026-03-31', '2026-12-07')).toBe('2026-03-31');
    expect(releaseQuarterEnd('2026-03-30', '2026-12-07')).toBe('2025-12-31');
    expect(releaseQuarterEnd('2099-01-01', '2026-12-07')).toBe('2026-09-30');
    expect(wholeQuarters('2026-02-10', '2026-05-01')).toEqual({ from: '2026-01-01', to: '2026-06-30' });
    expect(wholeQuarters('2025-12-31', '2025-12-31')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
  });
});
