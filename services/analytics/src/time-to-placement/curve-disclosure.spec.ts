import { kaplanMeier, type KmSubject } from '../kpis/kaplan-meier';
import { publishCurve, publishedMedian } from './curve-disclosure';

const E = (time: number): KmSubject => ({ time, event: true });
const C = (time: number): KmSubject => ({ time, event: false });

// Eight people: placed at 10, 20, 30, 40, 60 days; censored at 25, 50, 70.
// t   at risk  events  S(t)
// 10  8        1       7/8           = 0.875
// 20  7        1       0.875·6/7     = 0.75
// 25  6        0 (1 censored)        = 0.75
// 30  5        1       0.75·4/5      = 0.6
// 40  4        1       0.6·3/4       = 0.45   ← median (first S ≤ 0.5)
// 50  3        0 (1 censored)
// 60  2        1       0.45·1/2      = 0.225
// 70  1        0 (1 censored)
const km = kaplanMeier([E(10), E(20), C(25), E(30), E(40), C(50), E(60), C(70)], { riskTimes: [0, 30, 35, 90] });
// Numbers at risk (time ≥ t) at 0, 30, 35, 90: 8, 5, 4, 0 — as the disclosure plan publishes them.
const shown = (value: number) => ({ value, suppressed: false });
const hiddenCell = { value: null, suppressed: true };
const openAtRisk = [0, 30, 35, 90].map((t, i) => ({ t, count: shown([8, 5, 4, 0][i] ?? 0) }));
const planAtRisk = [
  { t: 0, count: shown(8) },
  { t: 30, count: shown(5) },
  { t: 35, count: hiddenCell }, // 4 < minCell
  { t: 90, count: shown(0) },
];

describe('publishCurve', () => {
  it('shows site_staff the whole curve, every number at risk and the median', () => {
    const p = publishCurve(km, { open: true, withheld: true, minCell: 5, atRisk: openAtRisk });
    expect(p.suppressed).toBe(false);
    expect(p.truncatedAt).toBeNull();
    expect(p.points?.map((x) => [x.t, x.survival])).toEqual([
      [0, 1],
      [10, 0.875],
      [20, 0.75],
      [25, 0.75],
      [30, 0.6],
      [40, 0.45],
      [50, 0.45],
      [60, 0.225],
      [70, 0.225],
    ]);
    // at risk (time ≥ x): at 0 all 8; at 30 {30,40,50,60,70} = 5; at 35 {40,50,60,70} = 4; at 90 none
    expect(p.atRisk.map((r) => [r.t, r.count.value])).toEqual([
      [0, 8],
      [30, 5],
      [35, 4],
      [90, 0],
    ]);
    expect(p.median.t).toBe(40);
  });

  it('cuts the curve after the last time with at least minCell at risk, and shows the numbers at risk as the plan does', () => {
    const p = publishCurve(km, { open: false, withheld: false, minCell: 5, atRisk: planAtRisk });
    // at risk 8, 7, 6, 5 at t = 10, 20, 25, 30; 4 at t = 40 → the curve ends at 30
    expect(p.truncatedAt).toBe(30);
    expect(p.points?.map((x) => [x.t, x.survival])).toEqual([
      [0, 1],
      [10, 0.875],
      [20, 0.75],
      [25, 0.75],
      [30, 0.6],
    ]);
    // 5 is not small (≥ minCell), 4 is, 0 is shown as 0
    expect(p.atRisk).toEqual([
      { t: 0, count: { value: 8, suppressed: false } },
      { t: 30, count: { value: 5, suppressed: false } },
      { t: 35, count: { value: null, suppressed: true } },
      { t: 90, count: { value: 0, suppressed: false } },
    ]);
    // the median (40) lies in the hidden tail
    expect(p.median.t).toBeNull();
  });

  it('also cuts the curve before a fixed time whose number at risk the plan hides to protect another group', () => {
    // The plan hid the 5 at day 30 (complementary suppression): steps from day 30 on would let
    // it be read back, so the curve ends at 25 although 5 people are at risk there.
    const atRisk = planAtRisk.map((r) => (r.t === 30 ? { t: 30, count: hiddenCell } : r));
    const p = publishCurve(km, { open: false, withheld: false, minCell: 5, atRisk });
    expect(p.truncatedAt).toBe(25);
    expect(p.points?.map((x) => x.t)).toEqual([0, 10, 20, 25]);
    expect(p.atRisk[1]).toEqual({ t: 30, count: hiddenCell });
  });

  it('keeps a median read from the shown part of the curve', () => {
    // Ten people placed at days 1..10: S drops by 0.1 a day, S(5) = 0.5 → median 5;
    // at risk at t = 5 is 6 (times 5..10) ≥ 5, at t = 7 it is 4 → the curve ends at 6.
    const ten = kaplanMeier(
      Array.from({ length: 10 }, (_, i) => E(i + 1)),
      { riskTimes: [] },
    );
    const p = publishCurve(ten, { open: false, withheld: false, minCell: 5, atRisk: [] });
    expect(p.truncatedAt).toBe(6);
    expect(p.median.t).toBe(5);
  });

  it('withholds everything when the cohort count is suppressed', () => {
    const p = publishCurve(km, { open: false, withheld: true, minCell: 5, atRisk: planAtRisk });
    expect(p).toEqual({
      suppressed: true,
      points: null,
      truncatedAt: null,
      atRisk: [0, 30, 35, 90].map((t) => ({ t, count: { value: null, suppressed: true } })),
      median: { t: null, low: null, high: null },
    });
  });

  it('does not cut a curve that never has fewer than minCell at risk', () => {
    // 6 people all censored at 100 and placed at 0..: one event at day 0 with 6 at risk → S = 5/6
    const p = publishCurve(kaplanMeier([E(0), C(100), C(100), C(100), C(100), C(100)], { riskTimes: [] }), { open: false, withheld: false, minCell: 5, atRisk: [] });
    expect(p.truncatedAt).toBeNull();
    // the day-0 step is the curve's first point, no separate origin
    expect(p.points?.map((x) => [x.t, x.survival])).toEqual([
      [0, 0.8333],
      [100, 0.8333],
    ]);
  });

  it('gives every view the same median: none where it is read from fewer than minCell at risk', () => {
    // The median of km is 40, where 4 are at risk: shown to site_staff, hidden from everyone else.
    expect(publishedMedian(km, { open: true, withheld: false, minCell: 5 })).toBe(40);
    expect(publishedMedian(km, { open: false, withheld: false, minCell: 5 })).toBeNull();
    expect(publishedMedian(km, { open: false, withheld: false, minCell: 4 })).toBe(40);
    expect(publishedMedian(km, { open: false, withheld: true, minCell: 4 })).toBeNull();
  });
});
