import type { TSchema } from '@sinclair/typebox';
import type { Role } from '../auth/principal';

export interface RouteDoc {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  /** OpenAPI path, e.g. `/v1/sites/{code}`. */
  path: string;
  summary: string;
  roles: readonly Role[] | 'public';
  body?: TSchema;
  query?: Record<string, TSchema>;
  responses: Record<number, { description: string; schema?: TSchema; headers?: Record<string, { description: string; schema: TSchema }> }>;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
  },
};

function plain(schema: TSchema): unknown {
  // TypeBox adds symbol-keyed metadata; JSON round-trip leaves the JSON Schema only.
  return JSON.parse(JSON.stringify(schema));
}

/** OpenAPI 3.1 from the same TypeBox schemas the validation pipe enforces. */
export function buildOpenApi(info: { title: string; version: string; description: string }, routes: readonly RouteDoc[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const query = Object.entries(r.query ?? {}).map(([name, schema]) => ({ name, in: 'query', required: false, schema: plain(schema) }));
    const responses: Record<string, unknown> = {};
    for (const [status, res] of Object.entries(r.responses)) {
      const headers = res.headers ? { headers: Object.fromEntries(Object.entries(res.headers).map(([name, h]) => [name, { description: h.description, schema: plain(h.schema) }])) } : {};
      responses[status] = res.schema ? { description: res.description, ...headers, content: { 'application/json': { schema: plain(res.schema) } } } : { description: res.description, ...headers };
    }
    if (r.roles !== 'public') {
      responses['401'] = { $ref: '#/components/responses/Problem' };
      responses['403'] = { $ref: '#/components/responses/Problem' };
    }
    if (r.body) responses['400'] = { $ref: '#/components/responses/Problem' };
    (paths[r.path] ??= {})[r.method] = {
      summary: r.summary,
      ...(r.roles === 'public' ? { security: [] } : { description: `Roles: ${r.roles.join(', ')}.` }),
      parameters: [...params, ...query],
      ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: plain(r.body) } } } } : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info,
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: problemSchema },
      responses: { Problem: { description: 'RFC 9457 problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } },
    },
  };
}
