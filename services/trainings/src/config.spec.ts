import { ConfigError } from '@meic/config';
import { loadTrainingsConfig } from './config';

describe('trainings configuration', () => {
  const minimal = {
    DATABASE_URL: 'postgresql://localhost/meic_trainings',
    MEIC_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x-----END PUBLIC KEY-----',
    BENEFICIARIES_URL: 'http://127.0.0.1:3003',
    MEIC_SERVICE_TOKEN_FILE: '/run/secrets/trainings.jwt',
  };

  it('defaults the consumer group to the service name and the port to 3002', () => {
    const config = loadTrainingsConfig(minimal);
    expect(config.KAFKA_CONSUMER_GROUP).toBe('trainings');
    expect(config.PORT).toBe(3002);
  });

  it('takes KAFKA_CONSUMER_GROUP from the environment', () => {
    expect(loadTrainingsConfig({ ...minimal, KAFKA_CONSUMER_GROUP: 'trainings-blue' }).KAFKA_CONSUMER_GROUP).toBe('trainings-blue');
  });

  it('requires the beneficiaries service and exactly one source of its own token, naming what is missing', () => {
    expect(() => loadTrainingsConfig({ ...minimal, BENEFICIARIES_URL: undefined })).toThrow(/BENEFICIARIES_URL is required/);
    expect(() => loadTrainingsConfig({ ...minimal, MEIC_SERVICE_TOKEN_FILE: undefined })).toThrow(/MEIC_SERVICE_TOKEN_FILE, MEIC_SERVICE_TOKEN/);
    expect(() => loadTrainingsConfig({ ...minimal, MEIC_SERVICE_TOKEN: 'x' })).toThrow(/exactly one of MEIC_SERVICE_TOKEN_FILE, MEIC_SERVICE_TOKEN/);
  });

  it('requires a database', () => {
    expect(() => loadTrainingsConfig({ MEIC_JWT_PUBLIC_KEY: minimal.MEIC_JWT_PUBLIC_KEY })).toThrow(ConfigError);
  });
});
