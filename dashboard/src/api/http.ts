// Fetch wrapper for the analytics API behind the dashboard server (/api/analytics/*).
// Every failure becomes an ApiError whose `kind` the views turn into a designed state.
import type { Problem } from './types';
import { ResponseShapeError } from './validate';

export const ANALYTICS_BASE = '/api/analytics';

export type ApiErrorKind =
  | 'unauthorized' // 401: token missing, bad or expired -> back to sign-in
  | 'forbidden' // 403: valid token outside its role or sites
  | 'bad-request' // other 4xx: the request (filters) was not accepted
  | 'timeout' // 504: the analytics service is still computing (it keeps the answer for the next try)
  | 'unavailable' // network failure, proxy 502, any other 5xx
  | 'invalid-response'; // 2xx whose body is not what the view expects

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

export function errorKindForStatus(status: number): ApiErrorKind {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 504) return 'timeout';
  if (status >= 500) return 'unavailable';
  return 'bad-request';
}

export type QueryValue = string | number | null | undefined;

/** Builds `path?query`, leaving out empty values, in the order given. */
export function buildUrl(path: string, query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === null || v === undefined || v === '') continue;
    params.append(k, String(v));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readProblem(res: Response): Promise<Problem | null> {
  const type = res.headers.get('content-type') ?? '';
  if (!/json/i.test(type)) {
    void res.body?.cancel().catch(() => undefined);
    return null;
  }
  try {
    const body: unknown = await res.json();
    return typeof body === 'object' && body !== null ? (body as Problem) : null;
  } catch {
    return null;
  }
}

export interface GetOptions {
  token: string;
  signal?: AbortSignal;
  query?: Record<string, QueryValue>;
}

/** GET a JSON document from the analytics API and hand it to `parse`. */
export async function getAnalytics<T>(path: string, parse: (body: unknown) => T, opts: GetOptions): Promise<T> {
  const url = buildUrl(`${ANALYTICS_BASE}${path}`, opts.query);
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept: 'application/json, application/problem+json', authorization: `Bearer ${opts.token}` },
      signal: opts.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('unavailable', null, null, `Network error calling ${url}`);
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    throw new ApiError(errorKindForStatus(res.status), res.status, problem, problem?.detail ?? `HTTP ${res.status} from ${url}`);
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError('invalid-response', res.status, null, `The response from ${url} is not JSON`);
  }
  try {
    return parse(body);
  } catch (err) {
    if (err instanceof ResponseShapeError) {
      throw new ApiError('invalid-response', res.status, null, `${err.message} (${err.path})`);
    }
    throw err;
  }
}
