import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { analyticsEnvSchema, loadAnalyticsConfig } from '@meic/analytics/config';
import { beneficiariesEnvSchema, loadBeneficiariesConfig, loadPathwayWorkerConfig, pathwayWorkerEnvSchema } from '@meic/beneficiaries/config';
import { loadStakeholdersConfig, stakeholdersEnvSchema } from '@meic/stakeholders/config';
import { loadTrainingsConfig, trainingsEnvSchema } from '@meic/trainings/config';

// docker-compose.yml cannot run here (no Docker engine), so it is checked against the
// services' own configuration schemas: every variable it sets exists, and each service boots
// its configuration from it.
const compose = YAML.parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string | number>; command?: string[] }>;
};

const services = {
  stakeholders: { schema: stakeholdersEnvSchema, load: loadStakeholdersConfig },
  trainings: { schema: trainingsEnvSchema, load: loadTrainingsConfig },
  beneficiaries: { schema: beneficiariesEnvSchema, load: loadBeneficiariesConfig },
  'pathway-worker': { schema: pathwayWorkerEnvSchema, load: loadPathwayWorkerConfig },
  analytics: { schema: analyticsEnvSchema, load: loadAnalyticsConfig },
} as const;

describe('docker-compose.yml', () => {
  it.each(Object.entries(services))('gives %s only variables it knows, and a configuration it accepts', (name, { schema, load }) => {
    const service = compose.services[name];
    expect(service).toBeDefined();
    const env = Object.fromEntries(Object.entries(service?.environment ?? {}).map(([k, v]) => [k, String(v)]));
    const unknown = Object.keys(env).filter((k) => !(k in schema.properties));
    expect(unknown).toEqual([]);
    expect(() => load(env)).not.toThrow();
  });

  it('starts each service from its built entry point', () => {
    expect(compose.services['beneficiaries']?.command).toEqual(['node', 'services/beneficiaries/dist/main.js']);
    expect(compose.services['pathway-worker']?.command).toEqual(['node', 'services/beneficiaries/dist/pathway-worker.js']);
    expect(compose.services['dashboard']?.command).toEqual(['node', 'dashboard/server.mjs']);
  });
});
