// The one way the dashboard calls the analytics API behind its server (/api/analytics/*, which
// server.mjs proxies to the service): an openapi-fetch client typed by the generated contract.
// Every failure becomes an ApiError whose `kind` the views turn into a designed state.
import type { AnalyticsPaths, QueryOf, ResponseOf } from '@meic/api-clients';
import createClient, { type Client } from 'openapi-fetch';
import { withholdSuppressed } from './suppression';
import type { Problem } from './types';

export const ANALYTICS_BASE = '/api/analytics';

export type ApiErrorKind =
  | 'unauthorized' // 401: token missing, bad or expired -> back to sign-in
  | 'forbidden' // 403: valid token outside its role or sites
  | 'bad-request' // other 4xx: the request (filters) was not accepted
  | 'timeout' // 504: the analytics service is still computing (it keeps the answer for the next try)
  | 'unavailable' // network failure, proxy 502, any other 5xx
  | 'invalid-response'; // 2xx whose body is not JSON

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    readonly status: number | null,
    readonly problem: Problem | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** What kind of failure `error` is, as the views' designed states tell them apart: anything but an ApiError is "unavailable". */
export function errorKindOf(error: unknown): ApiErrorKind {
  return error instanceof ApiError ? error.kind : 'unavailable';
}

export function errorKindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'bad-request';
}

/** The GET routes of the analytics API that answer JSON. */
export type AnalyticsGetPath = { [P in keyof AnalyticsPaths]: [ResponseOf<AnalyticsPaths, P>] extends [never] ? never : P }[keyof AnalyticsPaths];

type Nullable<Q> = { [K in keyof Q]?: Q[K] | null };

/** A route's query as the views build it: a null or empty value leaves the parameter out (never for a route without one). */
export type QueryInput<P extends AnalyticsGetPath> = Nullable<QueryOf<AnalyticsPaths, P>>;

/** The query without its empty values (null, undefined, ''), in the order given. */
export function definedQuery<Q extends object>(query: Nullable<Q>): Partial<Q> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<Q>;
}

/**
 * No parameter the route does not take, even in a query built elsewhere and shared between routes
 * (the service rejects unknown parameters): an extra key fails to compile.
 */
type OnlyKnown<Q, P extends AnalyticsGetPath> = Q & { [K in Exclude<keyof Q, keyof QueryInput<P>>]: never };

export interface GetOptions<P extends AnalyticsGetPath, Q extends QueryInput<P> = QueryInput<P>> {
  token: string;
  signal?: AbortSignal;
  query?: OnlyKnown<Q, P>;
}

export type AnalyticsClient = Client<AnalyticsPaths>;

/** openapi-fetch's GET seen from a function generic in the path (its types resolve per literal path). */
type Get = (
  path: AnalyticsGetPath,
  init: RequestInit & { params: { query: object }; middleware: { onResponse: (ctx: { response: Response }) => void }[] },
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

const isAbort = (err: unknown) => err instanceof DOMException && err.name === 'AbortError';

function problemOf(error: unknown, res: Response): Problem | null {
  if (!/json/i.test(res.headers.get('content-type') ?? '')) return null;
  return typeof error === 'object' && error !== null ? (error as Problem) : null;
}

/** getAnalytics over a given client (the app's below; the specs pass one with a stub fetch). */
export function analyticsGetter(client: AnalyticsClient) {
  const get = client.GET.bind(client) as unknown as Get;
  return async function getAnalytics<P extends AnalyticsGetPath, Q extends QueryInput<P>>(path: P, opts: GetOptions<P, Q>): Promise<ResponseOf<AnalyticsPaths, P>> {
    const url = `${ANALYTICS_BASE}${path}`;
    const seen: { response?: Response } = {};
    let result: Awaited<ReturnType<Get>>;
    try {
      result = await get(path, {
        params: { query: definedQuery(opts.query ?? {}) },
        headers: { accept: 'application/json, application/problem+json', authorization: `Bearer ${opts.token}` },
        signal: opts.signal ?? null,
        cache: 'no-store',
        middleware: [{ onResponse: ({ response }) => void (seen.response = response) }],
      });
    } catch (err) {
      if (isAbort(err)) throw err;
      const res = seen.response;
      // No answer: the network or the proxy failed. An answer whose body could not be read or parsed:
      // for a 2xx that is not JSON, else the error its status says.
      if (!res) throw new ApiError('unavailable', null, null, `Network error calling ${url}`);
      if (!res.ok) throw new ApiError(errorKindForStatus(res.status), res.status, null, `HTTP ${res.status} from ${url}`);
      throw new ApiError('invalid-response', res.status, null, `The response from ${url} is not JSON`);
    }
    const { data, error, response } = result;
    if (!response.ok) {
      const problem = problemOf(error, response);
      throw new ApiError(errorKindForStatus(response.status), response.status, problem, problem?.detail ?? `HTTP ${response.status} from ${url}`);
    }
    if (data === undefined || data === null) throw new ApiError('invalid-response', response.status, null, `The response from ${url} is not JSON`);
    return withholdSuppressed(data as ResponseOf<AnalyticsPaths, P>);
  };
}

/** GET a JSON document from the analytics API, typed by its route; suppressed figures come without numbers. */
export const getAnalytics = analyticsGetter(createClient<AnalyticsPaths>({ baseUrl: ANALYTICS_BASE }));
