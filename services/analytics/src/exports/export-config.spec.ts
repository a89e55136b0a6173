import { ConfigError } from '@meic/config';
import { disclosureOptions, exportPseudonymKey, loadAnalyticsConfig } from '../config';

const base = { MEIC_JWT_PUBLIC_KEY: 'test-key' };

describe('EXPORT_PSEUDONYM_KEY', () => {
  it('is required in production', () => {
    expect(() => loadAnalyticsConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadAnalyticsConfig({ ...base, NODE_ENV: 'production' })).toThrow(/EXPORT_PSEUDONYM_KEY is required in production/);
    expect(exportPseudonymKey(loadAnalyticsConfig({ ...base, NODE_ENV: 'production', EXPORT_PSEUDONYM_KEY: 'p'.repeat(32), MEIC_CKM_KEY: 'c'.repeat(32) }))).toEqual({
      key: 'p'.repeat(32),
      development: false,
    });
  });

  it('must be at least 32 characters', () => {
    expect(() => loadAnalyticsConfig({ ...base, EXPORT_PSEUDONYM_KEY: 'short' })).toThrow(/EXPORT_PSEUDONYM_KEY/);
  });

  it('falls back to a fixed development key elsewhere, flagged as such', () => {
    const a = exportPseudonymKey(loadAnalyticsConfig(base));
    expect(a.development).toBe(true);
    expect(a.key).toMatch(/^[0-9a-f]{64}$/);
    expect(exportPseudonymKey(loadAnalyticsConfig(base)).key).toBe(a.key);
  });
});

describe('MEIC_CKM_KEY', () => {
  const production = { ...base, NODE_ENV: 'production', EXPORT_PSEUDONYM_KEY: 'p'.repeat(32) };
  it('is required in production, where it decides every record key', () => {
    expect(() => loadAnalyticsConfig(production)).toThrow(/MEIC_CKM_KEY is required in production/);
    const a = disclosureOptions(loadAnalyticsConfig({ ...production, MEIC_CKM_KEY: 'c'.repeat(32) })).recordKey;
    const b = disclosureOptions(loadAnalyticsConfig({ ...production, MEIC_CKM_KEY: 'd'.repeat(32) })).recordKey;
    expect(a.development).toBe(false);
    expect([a.k0, a.k1]).not.toEqual([b.k0, b.k1]);
  });
  it('falls back to a development secret elsewhere, flagged as such', () => {
    expect(disclosureOptions(loadAnalyticsConfig(base)).recordKey.development).toBe(true);
  });
  it('refuses a variance the largest perturbation cannot give', () => {
    expect(() => loadAnalyticsConfig({ ...base, MEIC_CKM_MAX_PERTURBATION: '2', MEIC_CKM_VARIANCE: '4' })).toThrow(/MEIC_CKM_VARIANCE must be below/);
  });
});
