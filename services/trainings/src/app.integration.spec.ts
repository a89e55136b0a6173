import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from '@meic/testing';
import { startTrainings, type TrainingsHarness } from './testing/trainings-harness';

describe('trainings service: readiness, OpenAPI and metrics', () => {
  let h: TrainingsHarness;

  beforeAll(async () => {
    h = await startTrainings();
  });

  afterAll(async () => {
    await h?.close();
  });

  it('is ready once PostgreSQL is reachable and its consumer joined its group', async () => {
    const ready = await pollUntil('readiness', async () => {
      const res = await fetch(`${h.url}/readyz`);
      return res.status === 200 ? ((await res.json()) as { checks: Record<string, string> }) : undefined;
    });
    expect(ready.checks).toMatchObject({ postgres: 'ok', 'kafka-consumer': 'ok' });
  });

  it('serves OpenAPI 3.1 with every trainings route, its roles and closed body schemas', async () => {
    const res = await fetch(`${h.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { description?: string; requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    // What it serves is the committed contract the clients are generated from.
    expect(doc).toEqual(JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')));
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(routes).toEqual(
      expect.arrayContaining([
        'POST /v1/courses',
        'GET /v1/courses',
        'GET /v1/courses/{id}',
        'POST /v1/courses/{id}/enrolments',
        'GET /v1/courses/{id}/enrolments',
        'POST /v1/courses/{id}/enrolments/{beneficiaryId}/completion',
        'POST /v1/internships',
        'POST /v1/internships/{id}/end',
        'GET /v1/internships',
        'GET /v1/internships/{id}',
        'GET /v1/audit-log',
      ]),
    );
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        const schema = op.requestBody?.content['application/json']?.schema;
        if (schema) expect(schema.additionalProperties).toBe(false);
      }
    }
    expect(doc.paths['/v1/internships']?.['get']?.description).toBe('Roles: admin, site_staff.');
  });

  it('serves Prometheus metrics and needs no token for health', async () => {
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const metrics = await fetch(`${h.url}/metrics`);
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE');
  });
});
