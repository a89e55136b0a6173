import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pollUntil } from '@meic/testing';
import { startHarness, type Harness } from './testing/harness';

describe('stakeholders service: OpenAPI and readiness', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves OpenAPI 3.1 describing every resource, publicly', async () => {
    const res = await fetch(`${h.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { additionalProperties?: boolean } }> } }>> };
    expect(doc.openapi).toBe('3.1.0');
    // What it serves is the committed contract the clients are generated from.
    expect(doc).toEqual(JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')));
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(operations).toEqual(
      expect.arrayContaining([
        'POST /v1/sites',
        'GET /v1/sites',
        'GET /v1/sites/{code}',
        'PATCH /v1/sites/{code}',
        'POST /v1/organisations',
        'GET /v1/organisations',
        'GET /v1/organisations/{id}',
        'POST /v1/organisations/{id}/leave',
        'POST /v1/sites/{code}/territorial-indicators',
        'GET /v1/sites/{code}/territorial-indicators',
        'POST /v1/mentors',
        'GET /v1/mentors',
        'GET /v1/mentors/{id}',
        'POST /v1/mentoring-matches',
        'GET /v1/mentoring-matches',
        'GET /v1/mentoring-matches/{id}',
        'POST /v1/mentoring-matches/{id}/end',
        'GET /v1/audit-log',
      ]),
    );
    // Every request body is closed: unknown fields are rejected, and the document says so.
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops)) {
        if (op.requestBody) expect(op.requestBody.content['application/json']?.schema.additionalProperties).toBe(false);
      }
    }
  });

  it('is ready once PostgreSQL, Kafka and its consumer group are', async () => {
    // The consumer joins its group shortly after start-up.
    const body = await pollUntil('the service to be ready', async () => {
      const res = await fetch(`${h.url}/readyz`);
      return res.status === 200 ? ((await res.json()) as unknown) : undefined;
    });
    expect(body).toMatchObject({ status: 'ready', checks: { postgres: 'ok', kafka: 'ok', 'kafka-consumer': 'ok' } });
  });
});
