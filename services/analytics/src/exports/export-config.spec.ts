import { ConfigError } from '@meic/config';
import { exportPseudonymKey, loadAnalyticsConfig } from '../config';

const base = { MEIC_JWT_PUBLIC_KEY: 'test-key' };

describe('EXPORT_PSEUDONYM_KEY', () => {
  it('is required in production', () => {
    expect(() => loadAnalyticsConfig({ ...base, NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadAnalyticsConfig({ ...base, NODE_ENV: 'production' })).toThrow(/EXPORT_PSEUDONYM_KEY is required in production/);
    expect(exportPseudonymKey(loadAnalyticsConfig({ ...base, NODE_ENV: 'production', EXPORT_PSEUDONYM_KEY: 'p'.repeat(32) }))).toEqual({ key: 'p'.repeat(32), development: false });
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
