import 'reflect-metadata';
import type { TSchema } from '@sinclair/typebox';

const API_DOC = 'meic:api-doc';
const API_HIDDEN = 'meic:api-hidden';
const API_BODY = 'meic:api-body';
const API_QUERY = 'meic:api-query';

export interface ResponseDoc {
  description: string;
  schema?: TSchema;
  headers?: Record<string, { description: string; schema: TSchema }>;
}

/**
 * What OpenAPI says of a route beyond what its decorators already say: method, path, roles,
 * body (`@ValidBody`) and query (`@ValidQuery`) come from those, so they are written once.
 */
export interface ApiDocOptions {
  summary: string;
  responses: Record<number, ResponseDoc>;
  /** Only for a handler that validates its body itself (not through `@ValidBody`). */
  body?: TSchema;
}

type Handler = (...args: never[]) => unknown;

/** Documents a route; every route of a documented service needs one or `@ApiHidden()`. */
export const ApiDoc =
  (doc: ApiDocOptions): MethodDecorator =>
  (_target, _key, descriptor) => {
    Reflect.defineMetadata(API_DOC, doc, descriptor.value as object);
  };

/** Leaves a controller or a handler out of OpenAPI (health, readiness, metrics, the document itself). */
export const ApiHidden =
  (): ClassDecorator & MethodDecorator =>
  (target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    Reflect.defineMetadata(API_HIDDEN, true, (descriptor?.value as object | undefined) ?? target);
  };

/** Records the schema a parameter decorator validates, for OpenAPI. */
export function recordSchema(where: 'body' | 'query', schema: TSchema): ParameterDecorator {
  return (target, key) => {
    if (key === undefined) return;
    Reflect.defineMetadata(where === 'body' ? API_BODY : API_QUERY, schema, (target as Record<string | symbol, Handler>)[key] as object);
  };
}

export interface HandlerDoc {
  doc: ApiDocOptions | undefined;
  hidden: boolean;
  body: TSchema | undefined;
  query: TSchema | undefined;
}

export function handlerDoc(controller: object, handler: object): HandlerDoc {
  const get = <T>(key: string, on: object): T | undefined => Reflect.getMetadata(key, on) as T | undefined;
  return {
    doc: get<ApiDocOptions>(API_DOC, handler),
    hidden: get<boolean>(API_HIDDEN, handler) === true || get<boolean>(API_HIDDEN, controller) === true,
    body: get<ApiDocOptions>(API_DOC, handler)?.body ?? get<TSchema>(API_BODY, handler),
    query: get<TSchema>(API_QUERY, handler),
  };
}
