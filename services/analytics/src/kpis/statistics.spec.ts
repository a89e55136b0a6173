import { rateWithInterval, wilsonInterval } from './statistics';

describe('wilsonInterval', () => {
  it('matches the textbook case 8 of 20 (Wilson 1927 via Newcombe 1998: 0.2188–0.6134)', () => {
    expect(wilsonInterval(8, 20)).toEqual({ value: 40, low: 21.9, high: 61.3 });
  });

  it('stays inside [0, 100] at the extremes and is undefined without observations', () => {
    expect(wilsonInterval(0, 10)).toEqual({ value: 0, low: 0, high: 27.8 });
    expect(wilsonInterval(10, 10)).toEqual({ value: 100, low: 72.2, high: 100 });
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe('rateWithInterval', () => {
  const shown = (value: number) => ({ value, suppressed: false });
  const hidden = { value: null, suppressed: true };

  it('carries the Wilson interval and the observed numerator and denominator', () => {
    // 8 of 20 = 40%, Wilson 21.9–61.3 (the textbook case above)
    expect(rateWithInterval(shown(8), shown(20))).toEqual({ value: 40, low: 21.9, high: 61.3, numerator: 8, denominator: 20, suppressed: false });
  });

  it('is suppressed entirely when the numerator or the denominator is suppressed', () => {
    const none = { value: null, low: null, high: null, numerator: null, denominator: null, suppressed: true };
    expect(rateWithInterval(hidden, shown(20))).toEqual(none);
    expect(rateWithInterval(shown(8), hidden)).toEqual(none);
    expect(rateWithInterval(hidden, hidden)).toEqual(none);
  });

  it('gives no rate over an empty denominator but still reports the counts', () => {
    expect(rateWithInterval(shown(0), shown(0))).toEqual({ value: null, low: null, high: null, numerator: 0, denominator: 0, suppressed: false });
  });
});
