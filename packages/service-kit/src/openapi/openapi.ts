import 'reflect-metadata';
import { RequestMethod, type DynamicModule, type ForwardReference, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { TSchema } from '@sinclair/typebox';
import { PUBLIC, ROLES_KEY } from '../auth/auth.guard';
import { ROLES, type Role } from '../auth/principal';
import { handlerDoc, type ResponseDoc } from './api-doc';

export type OpenApiDocument = Record<string, unknown>;
export interface ApiInfo {
  title: string;
  version: string;
  description: string;
}

interface Route {
  method: string;
  path: string;
  summary: string;
  roles: readonly Role[] | 'public';
  body?: TSchema;
  query?: TSchema;
  responses: Record<number, ResponseDoc>;
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

function plain(schema: unknown): unknown {
  // TypeBox adds symbol-keyed metadata; JSON round-trip leaves the JSON Schema only.
  return JSON.parse(JSON.stringify(schema));
}

type ModuleRef = Type<unknown> | DynamicModule | ForwardReference | Promise<DynamicModule>;

/** Every controller a module tree declares, in declaration order (static and dynamic modules alike). */
export function controllersOf(root: ModuleRef): Type<unknown>[] {
  const seen = new Set<unknown>();
  const found: Type<unknown>[] = [];
  const visit = (ref: ModuleRef | undefined): void => {
    if (!ref || seen.has(ref)) return;
    seen.add(ref);
    if (ref instanceof Promise) throw new Error('controllersOf: asynchronous modules are not supported');
    if ('forwardRef' in ref) return visit(ref.forwardRef() as ModuleRef);
    const dynamic = 'module' in ref ? ref : undefined;
    const cls = dynamic ? dynamic.module : (ref as Type<unknown>);
    const meta = <T>(key: string): T[] => (Reflect.getMetadata(key, cls) as T[] | undefined) ?? [];
    for (const c of [...meta<Type<unknown>>(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])]) if (!found.includes(c)) found.push(c);
    for (const m of [...meta<ModuleRef>(MODULE_METADATA.IMPORTS), ...((dynamic?.imports ?? []) as ModuleRef[])]) visit(m);
  };
  visit(root);
  return found;
}

const joinPath = (...parts: (string | undefined)[]): string =>
  '/' +
  parts
    .map((p) => (p ?? '').replace(/^\/+|\/+$/g, ''))
    .filter((p) => p.length > 0)
    .join('/')
    .replace(/:(\w+)/g, '{$1}');

const firstPath = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : (v as string | undefined));

/** The documented routes of a controller, read from its Nest decorators and `@ApiDoc`. */
function routesOf(controller: Type<unknown>): Route[] {
  const proto = controller.prototype as Record<string, unknown>;
  const routes: Route[] = [];
  for (const name of Object.getOwnPropertyNames(proto)) {
    const handler = proto[name];
    if (name === 'constructor' || typeof handler !== 'function') continue;
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
    if (method === undefined) continue;
    const h = handlerDoc(controller, handler);
    if (h.hidden) continue;
    if (!h.doc) throw new Error(`${controller.name}.${name} has no @ApiDoc (or @ApiHidden)`);
    const isPublic = Reflect.getMetadata(PUBLIC, handler) === true || Reflect.getMetadata(PUBLIC, controller) === true;
    const roles = (Reflect.getMetadata(ROLES_KEY, handler) ?? Reflect.getMetadata(ROLES_KEY, controller)) as readonly Role[] | undefined;
    routes.push({
      method: RequestMethod[method].toLowerCase(),
      path: joinPath(firstPath(Reflect.getMetadata(PATH_METADATA, controller)), firstPath(Reflect.getMetadata(PATH_METADATA, handler))),
      summary: h.doc.summary,
      // Without @Roles the guard lets every role of a person through, never a service.
      roles: isPublic ? 'public' : (roles ?? ROLES),
      body: h.body,
      query: h.query,
      responses: h.doc.responses,
    });
  }
  return routes;
}

/** OpenAPI 3.1 from the controllers' decorators and the same TypeBox schemas the validation pipe enforces. */
export function buildOpenApi(info: ApiInfo, controllers: readonly Type<unknown>[]): OpenApiDocument {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of controllers.flatMap(routesOf)) {
    const params = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const queryProps = ((r.query as { properties?: Record<string, TSchema> } | undefined)?.properties ?? {}) as Record<string, TSchema>;
    const query = Object.entries(queryProps).map(([name, schema]) => ({ name, in: 'query', required: false, schema: plain(schema) }));
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
    if (paths[r.path]?.[r.method]) throw new Error(`${r.method.toUpperCase()} ${r.path} is declared twice`);
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

/** A service's OpenAPI document: every documented route of its application module. */
export function openApiDocument(info: ApiInfo, app: DynamicModule): OpenApiDocument {
  return buildOpenApi(info, controllersOf(app));
}

/**
 * Configuration under which an application module is only described, never started
 * (`npm run generate`): it satisfies every service's validation and reaches nothing.
 */
export const DOCUMENTATION_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'development',
  DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/openapi',
  MEIC_JWT_PUBLIC_KEY: 'unused: the document is generated, not served',
  MEIC_SERVICE_TOKEN: 'unused',
  BENEFICIARIES_URL: 'http://127.0.0.1:1',
  TRAININGS_URL: 'http://127.0.0.1:1',
  STAKEHOLDERS_URL: 'http://127.0.0.1:1',
};
