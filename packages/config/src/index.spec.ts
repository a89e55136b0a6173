import { commonEnv, ConfigError, envSchema, loadConfig, requireOneKeySource, Type } from './index';

const schema = envSchema({ ...commonEnv, PORT: Type.Integer({ minimum: 1, maximum: 65535, default: 3001 }), DATABASE_URL: Type.String({ minLength: 1 }) });

describe('loadConfig', () => {
  it('coerces numbers, applies defaults and treats empty strings as unset', () => {
    const cfg = loadConfig('stakeholders', schema, { PORT: '4000', DATABASE_URL: 'postgres://x', LOG_LEVEL: '' });
    expect(cfg.PORT).toBe(4000);
    expect(cfg.LOG_LEVEL).toBe('info');
    expect(cfg.KAFKA_BROKERS).toBe('127.0.0.1:9092');
  });

  it('lists every problem with the variable name', () => {
    let error: unknown;
    try {
      loadConfig('stakeholders', schema, { PORT: 'eighty', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toContain('stakeholders: invalid configuration');
    expect(message).toContain('DATABASE_URL is required');
    expect(message).toMatch(/PORT must be integer \(got "eighty"\)/);
    expect(message).toMatch(/LOG_LEVEL/);
  });

  it('demands exactly one token verification key source', () => {
    expect(() => requireOneKeySource('x', {})).toThrow(/exactly one/);
    expect(() => requireOneKeySource('x', { MEIC_JWT_PUBLIC_KEY: 'a', MEIC_JWKS_URL: 'b' })).toThrow(/exactly one/);
    expect(() => requireOneKeySource('x', { MEIC_JWKS_URL: 'https://idp/jwks' })).not.toThrow();
  });
});
