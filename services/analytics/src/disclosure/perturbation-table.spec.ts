import { addTallies, KEY_RANGE, PerturbationTable } from './perturbation-table';

const params = { maxPerturbation: 4, variance: 1.5, minCell: 5 };
const table = PerturbationTable.build(params);

const moments = (n: number) => {
  const r = table.row(n);
  const mean = r.targets.reduce((s, t, i) => s + t * (r.probabilities[i] ?? 0), 0);
  const variance = r.targets.reduce((s, t, i) => s + (t - mean) ** 2 * (r.probabilities[i] ?? 0), 0);
  return { mean, variance };
};

describe('perturbation table (cell-key method)', () => {
  it('keeps zero at zero and never publishes 1 … minCell − 1 or a negative count', () => {
    expect(table.row(0).targets).toEqual([0]);
    for (let n = 0; n < 60; n++) {
      for (const t of table.row(n).targets) {
        expect(t === 0 || t >= params.minCell).toBe(true);
        expect(Math.abs(t - n)).toBeLessThanOrEqual(params.maxPerturbation);
      }
    }
  });

  it('is a probability distribution for every count', () => {
    for (let n = 0; n < 40; n++) {
      const r = table.row(n);
      expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (const p of r.probabilities) expect(p).toBeGreaterThanOrEqual(0);
      expect(r.cumulative[r.cumulative.length - 1]).toBe(1);
    }
  });

  it('is unbiased with variance V for counts large enough, and unbiased for the small ones where that is possible', () => {
    for (let n = params.minCell + params.maxPerturbation; n < 40; n++) {
      expect(moments(n).mean).toBeCloseTo(n, 9);
      expect(moments(n).variance).toBeCloseTo(params.variance, 9);
    }
    // A true 1 becomes 0 or 5 only: unbiased means 5 with probability 1/5.
    expect(table.row(1).targets).toEqual([0, 5]);
    expect(table.row(1).probabilities[1]).toBeCloseTo(0.2, 9);
    for (const n of [1, 2, 3, 4, 6, 7, 8]) expect(moments(n).mean).toBeCloseTo(n, 6);
    // minCell itself: nothing below it may be published and 0 is more than D away, so it stays.
    expect(table.row(5).targets[0]).toBe(5);
  });

  it('gives the same published value for the same count and key, and roughly the table’s frequencies over random keys', () => {
    const key = 123_456_789;
    expect(table.publish(17, key)).toBe(table.publish(17, key));
    const seen = new Map<number, number>();
    const draws = 40_000;
    let x = 2463534242;
    for (let i = 0; i < draws; i++) {
      // xorshift32: keys spread over [0, 2^32)
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const v = table.publish(20, x >>> 0);
      seen.set(v, (seen.get(v) ?? 0) + 1);
    }
    const r = table.row(20);
    r.targets.forEach((t, i) => expect(Math.abs((seen.get(t) ?? 0) / draws - (r.probabilities[i] ?? 0))).toBeLessThan(0.01));
  });

  it('knows which true counts a published value may come from', () => {
    expect(table.preimage(0)).toEqual([0, 1, 2, 3, 4]);
    expect(table.preimage(5)).toEqual(expect.arrayContaining([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    for (const n of table.preimage(30)) expect(Math.abs(n - 30)).toBeLessThanOrEqual(4);
  });

  it('adds the tallies of disjoint sets: counts add, cell keys add modulo 2^32', () => {
    expect(addTallies({ n: 3, key: KEY_RANGE - 5 }, { n: 2, key: 12 })).toEqual({ n: 5, key: 7 });
  });

  it('refuses parameters it cannot honour', () => {
    expect(() => PerturbationTable.build({ ...params, maxPerturbation: 0 })).toThrow(/maximum perturbation/);
    expect(() => PerturbationTable.build({ ...params, variance: 16 })).toThrow(/variance/);
  });
});
