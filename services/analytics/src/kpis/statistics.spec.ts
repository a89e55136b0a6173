import { wilsonInterval } from './statistics';

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
