import { group, overview } from './overview.fixture';
import { withholdSuppressed } from './suppression';

describe('withholdSuppressed', () => {
  const good = overview([group({ key: 'IT-RM', label: 'Roma (IT-RM)', enrolled: 112, placed: null, targets: { enrolled: 120, placed: 45 } })]);

  it('leaves a response without leaked numbers as it is, and the original untouched', () => {
    expect(withholdSuppressed(good)).toEqual(good);
    const leaky = structuredClone(good);
    leaky.groups[0]!.placed = { value: 3, suppressed: true };
    withholdSuppressed(leaky);
    expect(leaky.groups[0]!.placed.value).toBe(3);
  });

  it('never lets a number through in a suppressed count or rate', () => {
    const leaky = structuredClone(good);
    leaky.groups[0]!.placed = { value: 3, suppressed: true };
    leaky.groups[0]!.placementRatePct = { value: 10, low: 1, high: 20, numerator: 3, denominator: 30, suppressed: true };
    leaky.totals.enrolled = { value: 0, suppressed: true };
    const r = withholdSuppressed(leaky);
    expect(r.groups[0]!.placed).toEqual({ value: null, suppressed: true });
    expect(r.groups[0]!.placementRatePct).toEqual({ value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true });
    expect(r.totals.enrolled).toEqual({ value: null, suppressed: true });
    // Figures beside a cell, not in it, stay.
    expect(r.groups[0]!.targets).toEqual(good.groups[0]!.targets);
    expect(r.groups[0]!.enrolled).toEqual({ value: 112, suppressed: false });
  });

  it('withholds a suppressed median and the points of a suppressed curve, in arrays too', () => {
    const r = withholdSuppressed({
      median: { t: 400, low: 350, high: 496, suppressed: true },
      curves: [
        { suppressed: true, truncatedAt: 30, curve: [{ t: 0, survival: 1, low: 1, high: 1 }], atRisk: [{ t: 0, count: { value: 4, suppressed: true } }] },
        { suppressed: false, truncatedAt: null, curve: [{ t: 0, survival: 1, low: 1, high: 1 }], atRisk: [] },
      ],
    });
    expect(r.median).toEqual({ t: null, low: null, high: null, suppressed: true });
    expect(r.curves[0]).toEqual({ suppressed: true, truncatedAt: 30, curve: null, atRisk: [{ t: 0, count: { value: null, suppressed: true } }] });
    expect(r.curves[1]?.curve).toHaveLength(1);
  });
});
