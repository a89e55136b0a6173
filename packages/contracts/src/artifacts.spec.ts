import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { buildAsyncApiDocument, renderEventSchema } from './asyncapi';
import { EVENT_TYPES } from './event-catalog';

const root = join(__dirname, '..');
const stale = 'is stale: run `npm run build -w @meic/contracts` and commit the result';

describe('committed contract artifacts', () => {
  it('has one JSON Schema per event type, identical to what the types generate', () => {
    const files = readdirSync(join(root, 'schemas')).sort();
    expect(files).toEqual(EVENT_TYPES.map((t) => `${t}.json`).sort());
    for (const type of EVENT_TYPES) {
      const committed = readFileSync(join(root, 'schemas', `${type}.json`), 'utf8');
      expect({ type, ok: committed === renderEventSchema(type) }).toEqual({ type, ok: true });
    }
  });

  it(`has an AsyncAPI 3 document that matches the catalogue (otherwise it ${stale})`, () => {
    const committed = YAML.parse(readFileSync(join(root, 'asyncapi.yaml'), 'utf8'));
    expect(committed).toEqual(buildAsyncApiDocument());
    expect(committed.asyncapi).toBe('3.0.0');
    expect(Object.values(committed.channels).map((c) => (c as { address: string }).address)).toEqual([
      'meic.stakeholders.v1',
      'meic.trainings.v1',
      'meic.beneficiaries.v1',
    ]);
  });
});
