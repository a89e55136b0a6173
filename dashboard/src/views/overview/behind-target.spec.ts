import type { OverviewGroup } from '@/api/types';
import { furthestBehind } from './behind-target';

const count = (value: number | null, suppressed = false) => ({ value, suppressed });

function group(key: string, placed: number | null, target: number | null, suppressed = false, enrolled = 100, placedThrough = '2026-10-31', enrolledThrough = '2026-10-31'): OverviewGroup {
  return {
    key,
    label: `Site ${key}`,
    country: key.slice(0, 2),
    programme: 'AMIL',
    enrolled: count(enrolled),
    women: count(40),
    trained: count(60),
    internshipsStarted: count(20),
    placed: count(suppressed ? null : placed, suppressed),
    dropouts: count(10),
    placementRatePct: { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: false },
    medianDaysToPlacement: null,
    targets: { enrolled: 300, placed: target, womenSharePct: 45 },
    progress: { enrolledPct: null, placedPct: null, womenSharePct: null },
    completeThrough: { enrolled: enrolledThrough, placed: placedThrough },
  };
}

describe('furthestBehind', () => {
  it('names the site with the lowest share of its placement target reached', () => {
    const answer = furthestBehind([group('IT-RM', 150, 200), group('GR-ATH', 118, 212), group('CY-NIC', 90, 100)]);
    expect(answer).toMatchObject({ key: 'GR-ATH', placed: 118, target: 212, compared: 3 });
    expect(answer?.progressPct).toBeCloseTo(55.66, 1);
  });

  it('leaves out sites without a target or with a suppressed count, rather than ranking them as zero', () => {
    const answer = furthestBehind([group('IT-RM', 150, 200), group('HU-BUD', null, 20, true), group('SE-MAL', 3, null)]);
    expect(answer).toMatchObject({ key: 'IT-RM', compared: 1 });
    expect(furthestBehind([group('HU-BUD', null, 20, true)])).toBeNull();
  });

  it('breaks a tie in share by the larger shortfall', () => {
    expect(furthestBehind([group('A-1', 10, 20), group('B-1', 50, 100)])?.key).toBe('B-1');
  });

  it('does not rank a site with nobody enrolled yet (just added from its file) but names it', () => {
    const answer = furthestBehind([group('IT-RM', 150, 200), group('GR-ATH', 118, 212), group('IT-TO', 0, 40, false, 0)]);
    expect(answer).toMatchObject({ key: 'GR-ATH', compared: 2, notStarted: [{ key: 'IT-TO', label: 'Site IT-TO' }] });
    // Once it enrols someone it is ranked like any other site.
    expect(furthestBehind([group('GR-ATH', 118, 212), group('IT-TO', 0, 40, false, 12)])).toMatchObject({ key: 'IT-TO', notStarted: [] });
  });

  it('does not rank a site whose placements wait in a release block for more than 90 days, but names it', () => {
    const groups = [group('IT-RM', 150, 200), group('GR-ATH', 118, 212), group('FR-LYO', 0, 8, false, 20, '2025-07-31')];
    expect(furthestBehind(groups, '2026-10-31')).toMatchObject({ key: 'GR-ATH', compared: 2, pending: [{ key: 'FR-LYO', label: 'Site FR-LYO', through: '2025-07-31' }] });
    // Placements counted up to a recent month end are ranked as they are.
    expect(furthestBehind([group('GR-ATH', 118, 212), group('FR-LYO', 0, 8, false, 20, '2026-09-30')], '2026-10-31')).toMatchObject({ key: 'FR-LYO', pending: [] });
  });

  it('tells a site whose enrolments all wait to be released from one where nobody has enrolled', () => {
    const groups = [group('GR-ATH', 118, 212), group('IT-TO', 0, 40, false, 0), group('HU-BUD', 0, 5, false, 0, '2025-03-31', '2025-03-31')];
    expect(furthestBehind(groups, '2026-10-31')).toMatchObject({ key: 'GR-ATH', notStarted: [{ key: 'IT-TO' }], pending: [{ key: 'HU-BUD' }] });
  });
});
