import { randomSiteCode } from './index';

describe('randomSiteCode', () => {
  it('is the country and five capital letters', () => {
    expect(randomSiteCode()).toMatch(/^IT-[A-Z]{5}$/);
    expect(randomSiteCode('CY')).toMatch(/^CY-[A-Z]{5}$/);
  });

  it('differs between calls', () => {
    expect(new Set(Array.from({ length: 20 }, () => randomSiteCode())).size).toBeGreaterThan(1);
  });
});
