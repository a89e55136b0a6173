import { ConfigError } from '@meic/config';
import { loadTrainingsConfig } from './config';

describe('trainings configuration', () => {
  const minimal = { DATABASE_URL: 'postgresql://localhost/meic_trainings', MEIC_JWT_PUBLIC_KEY: '-----BEGIN PUBLIC KEY-----x-----END PUBLIC KEY-----' };

  it('defaults the consumer group to the service name and the port to 3002', () => {
    const config = loadTrainingsConfig(minimal);
    expect(config.KAFKA_CONSUMER_GROUP).toBe('trainings');
    expect(config.PORT).toBe(3002);
  });

  it('takes KAFKA_CONSUMER_GROUP from the environment', () => {
    expect(loadTrainingsConfig({ ...minimal, KAFKA_CONSUMER_GROUP: 'trainings-blue' }).KAFKA_CONSUMER_GROUP).toBe('trainings-blue');
  });

  it('requires a database', () => {
    expect(() => loadTrainingsConfig({ MEIC_JWT_PUBLIC_KEY: minimal.MEIC_JWT_PUBLIC_KEY })).toThrow(ConfigError);
  });
});
