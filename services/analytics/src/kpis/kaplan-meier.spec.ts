import { kaplanMeier, logLogBand, type KmSubject } from './kaplan-meier';

const E = (time: number): KmSubject => ({ time, event: true });
const C = (time: number): KmSubject => ({ time, event: false });

describe('kaplanMeier', () => {
  // Six people: placed at 1; placed, placed, censored at 2 (a tie); placed at 3; censored at 5.
  //   t=1: n=6 d=1 → S = 5/6 = 0.8333
  //   t=2: n=5 (the person censored at 2 is still at risk: events before censorings) d=2 c=1
  //        → S = 5/6 · 3/5 = 0.5
  //   t=3: n=5−3=2 d=1 → S = 0.5 · 1/2 = 0.25
  //   t=5: n=1 c=1 → S stays 0.25
  const small = [E(2), C(5), E(1), E(2), C(2), E(3)];

  it('steps through a small hand-computed example with a tie between events and a censoring', () => {
    const km = kaplanMeier(small);
    expect(km.n).toBe(6);
    expect(km.events).toBe(4);
    expect(km.censored).toBe(2);
    expect(km.steps.map((s) => [s.t, s.atRisk, s.events, s.censored])).toEqual([
      [1, 6, 1, 0],
      [2, 5, 2, 1],
      [3, 2, 1, 0],
      [5, 1, 0, 1],
    ]);
    const expected = [5 / 6, 0.5, 0.25, 0.25];
    km.steps.forEach((s, i) => {
      expect(s.survival).toBeCloseTo(expected[i] ?? NaN, 12);
      expect(s.placed).toBeCloseTo(1 - (expected[i] ?? NaN), 12);
    });
  });

  it('reads the median as the first time S(t) ≤ 0.5 (here S(2) = 0.5 exactly)', () => {
    expect(kaplanMeier(small).median.t).toBe(2);
  });

  it('puts events before censorings at the same time (otherwise S(2) would be 5/6 · 2/4 = 0.417)', () => {
    const step = kaplanMeier(small).steps.find((s) => s.t === 2);
    expect(step?.atRisk).toBe(5);
    expect(step?.survival).toBeCloseTo(0.5, 12);
  });

  it('computes the log-log band at the first step by hand', () => {
    // t=1: S = 5/6, Greenwood Σ d/(n(n−d)) = 1/(6·5) = 1/30.
    //   ln S = ln(5/6) = −0.182322; se = sqrt(1/30)/0.182322 = 0.182574/0.182322 = 1.001383
    //   z·se = 1.959964 · 1.001383 = 1.962675
    //   low  = S^exp(1.962675)  = exp(−0.182322 · 7.11847) = exp(−1.29786) = 0.27312
    //   high = S^exp(−1.962675) = exp(−0.182322 · 0.140480) = exp(−0.025613) = 0.97471
    const first = kaplanMeier(small).steps[0];
    expect(first?.low).toBeCloseTo(0.2731, 3);
    expect(first?.high).toBeCloseTo(0.9747, 3);
  });

  it('reports numbers at risk at chosen times (time ≥ x)', () => {
    // times 1,2,2,2,3,5: ≥0 → 6, ≥2 → 5, ≥3 → 2, ≥4 → 1, ≥6 → 0
    expect(kaplanMeier(small, { riskTimes: [0, 2, 3, 4, 6] }).atRisk).toEqual([
      { t: 0, atRisk: 6 },
      { t: 2, atRisk: 5 },
      { t: 3, atRisk: 2 },
      { t: 4, atRisk: 1 },
      { t: 6, atRisk: 0 },
    ]);
  });

  it('defaults the risk table to 0, 30, 90, 180 and 365 days', () => {
    // times 10 (placed), 45 (censored), 200 (placed), 400 (censored):
    //   ≥0 → 4, ≥30 → 3, ≥90 → 2, ≥180 → 2, ≥365 → 1
    const km = kaplanMeier([E(10), C(45), E(200), C(400)]);
    expect(km.atRisk).toEqual([
      { t: 0, atRisk: 4 },
      { t: 30, atRisk: 3 },
      { t: 90, atRisk: 2 },
      { t: 180, atRisk: 2 },
      { t: 365, atRisk: 1 },
    ]);
  });

  it('handles empty input', () => {
    const km = kaplanMeier([]);
    expect(km).toMatchObject({ n: 0, events: 0, censored: 0, steps: [], median: { t: null, low: null, high: null } });
    expect(km.atRisk.every((r) => r.atRisk === 0)).toBe(true);
  });

  it('handles everybody censored: S stays 1, band [1, 1], no median', () => {
    const km = kaplanMeier([C(30), C(30), C(90)]);
    expect(km.steps.map((s) => [s.t, s.atRisk, s.censored, s.survival, s.low, s.high])).toEqual([
      [30, 3, 2, 1, 1, 1],
      [90, 1, 1, 1, 1, 1],
    ]);
    expect(km.median).toEqual({ t: null, low: null, high: null });
  });

  it('drops to 0 when the last person at risk is placed, with an undefined band there', () => {
    // t=10: n=2 d=1 → S = 1/2; t=20: n=1 d=1 → S = 0; median = 10 (S(10) = 0.5)
    const km = kaplanMeier([E(10), E(20)]);
    expect(km.steps.map((s) => s.survival)).toEqual([0.5, 0]);
    expect(km.steps[1]).toMatchObject({ low: null, high: null, placed: 1 });
    expect(km.median.t).toBe(10);
  });

  it('rejects negative or non-finite times', () => {
    expect(() => kaplanMeier([E(-1)])).toThrow(RangeError);
    expect(() => kaplanMeier([C(Number.NaN)])).toThrow(RangeError);
  });

  describe('6-MP arm of the Freireich et al. (1963) leukaemia trial, as tabulated by Gehan (1965)', () => {
    // Weeks of remission, * = censored: 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32* 34* 35*
    const sixMp = [E(6), E(6), E(6), C(6), E(7), C(9), E(10), C(10), C(11), E(13), E(16), C(17), C(19), C(20), E(22), E(23), C(25), C(32), C(32), C(34), C(35)];
    const km = kaplanMeier(sixMp);
    const at = (t: number) => km.steps.find((s) => s.t === t);

    it('matches the published product-limit estimates (Kleinbaum & Klein, Collett: 0.857 … 0.448)', () => {
      // 6: 18/21 = 0.8571; 7: ·16/17 = 0.8067; 10: ·14/15 = 0.7529; 13: ·11/12 = 0.6902;
      // 16: ·10/11 = 0.6275; 22: ·6/7 = 0.5378; 23: ·5/6 = 0.4482
      const published: [number, number, number, number][] = [
        // t, at risk, events, S
        [6, 21, 3, 0.857],
        [7, 17, 1, 0.807],
        [10, 15, 1, 0.753],
        [13, 12, 1, 0.69],
        [16, 11, 1, 0.627],
        [22, 7, 1, 0.538],
        [23, 6, 1, 0.448],
      ];
      for (const [t, n, d, s] of published) {
        expect(at(t)).toMatchObject({ atRisk: n, events: d });
        expect(at(t)?.survival).toBeCloseTo(s, 3);
      }
      expect(at(35)?.survival).toBeCloseTo(0.448, 3);
    });

    it('matches the published log-log 95% band (R survfit conf.type = "log-log")', () => {
      // t=6:  Greenwood 3/(21·18) = 0.0079365; ln S = −0.154151; se = 0.089087/0.154151 = 0.57792;
      //       z·se = 1.13271 → low = exp(−0.154151·3.1041) = 0.6197, high = exp(−0.154151·0.32215) = 0.9516
      // t=23: Greenwood Σ = .0079365+.0036765+.0047619+.0075758+.0090909+.0238095+.0333333 = 0.090185;
      //       ln S = ln 0.448179 = −0.802566; se = 0.300308/0.802566 = 0.374185; z·se = 0.733389
      //       low = exp(−0.802566·2.08206) = 0.1881, high = exp(−0.802566·0.480293) = 0.6802
      expect(at(6)?.low).toBeCloseTo(0.62, 2);
      expect(at(6)?.high).toBeCloseTo(0.952, 3);
      expect(at(23)?.low).toBeCloseTo(0.188, 3);
      expect(at(23)?.high).toBeCloseTo(0.68, 3);
    });

    it('reads the median 23 weeks, lower limit 13 (first low ≤ 0.5), upper limit undefined', () => {
      // low at 10 = 0.503 (> 0.5), at 13 = 0.432; high never goes below 0.680.
      expect(km.median).toEqual({ t: 23, low: 13, high: null });
    });
  });
});

describe('logLogBand', () => {
  it('is [1, 1] before any event and undefined at S = 0', () => {
    expect(logLogBand(1, 0)).toEqual({ low: 1, high: 1 });
    expect(logLogBand(0, Infinity)).toEqual({ low: null, high: null });
  });
});
