import type { AnalyticsPaths } from '@meic/api-clients';
import createClient from 'openapi-fetch';
import { analyticsGetter, ApiError, definedQuery, errorKindForStatus } from './http';
import { group, overview } from './overview.fixture';

const json = (body: unknown, status = 200, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

/** getAnalytics over a stub fetch that records the requests it is given. */
function stub(answer: (req: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const get = analyticsGetter(
    createClient<AnalyticsPaths>({
      baseUrl: 'http://dashboard.test/api/analytics',
      fetch: async (req) => {
        requests.push(req);
        return answer(req);
      },
    }),
  );
  return { get, requests };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('http helpers', () => {
  it('leaves empty values out of a query, in the order given', () => {
    expect(definedQuery({ groupBy: 'site', from: null, to: '', site: 'IT-RM', country: undefined })).toEqual({ groupBy: 'site', site: 'IT-RM' });
    expect(Object.keys(definedQuery({ site: 'IT-RM', groupBy: 'site' }))).toEqual(['site', 'groupBy']);
  });

  it('maps statuses to the states the views show', () => {
    expect(errorKindForStatus(401)).toBe('unauthorized');
    expect(errorKindForStatus(403)).toBe('forbidden');
    expect(errorKindForStatus(400)).toBe('bad-request');
    expect(errorKindForStatus(502)).toBe('unavailable');
    expect(errorKindForStatus(503)).toBe('unavailable');
    expect(errorKindForStatus(504)).toBe('timeout');
  });
});

describe('getAnalytics', () => {
  const body = overview([group({ key: 'IT-RM', enrolled: 112, placed: 40 })]);

  it('asks the typed route with the token, no cache and only the query values set', async () => {
    const { get, requests } = stub(() => json(body));
    const r = await get('/v1/kpis/overview', { token: 'tok', query: { groupBy: 'site', from: null, to: '', country: 'IT' } });
    expect(r.groups[0]?.key).toBe('IT-RM');
    const req = requests[0]!;
    expect(req.method).toBe('GET');
    expect(req.url).toBe('http://dashboard.test/api/analytics/v1/kpis/overview?groupBy=site&country=IT');
    expect(req.headers.get('authorization')).toBe('Bearer tok');
    expect(req.headers.get('accept')).toBe('application/json, application/problem+json');
    expect(req.cache).toBe('no-store');
  });

  it('never hands a view a number in a suppressed cell', async () => {
    const leaky = structuredClone(body);
    leaky.groups[0]!.placed = { value: 3, suppressed: true };
    const { get } = stub(() => json(leaky));
    const r = await get('/v1/kpis/overview', { token: 'tok' });
    expect(r.groups[0]?.placed).toEqual({ value: null, suppressed: true });
  });

  it('turns an error status into its kind, with the problem the body gives', async () => {
    const problem = { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'The token has expired.' };
    const e401 = await failure(stub(() => json(problem, 401, 'application/problem+json')).get('/v1/kpis/overview', { token: 'tok' }));
    expect(e401).toMatchObject({ kind: 'unauthorized', status: 401, problem, message: 'The token has expired.' });
    expect(await failure(stub(() => json(problem, 403, 'application/problem+json')).get('/v1/kpis/overview', { token: 'tok' }))).toMatchObject({ kind: 'forbidden' });
    expect(await failure(stub(() => json({}, 504)).get('/v1/kpis/overview', { token: 'tok' }))).toMatchObject({ kind: 'timeout', status: 504 });
    expect(await failure(stub(() => json({}, 422)).get('/v1/kpis/overview', { token: 'tok' }))).toMatchObject({ kind: 'bad-request', status: 422 });
    // A body that is not a problem document (an HTML error page) is not read as one.
    const e502 = await failure(stub(() => new Response('<h1>Bad gateway</h1>', { status: 502, headers: { 'content-type': 'text/html' } })).get('/v1/kpis/overview', { token: 'tok' }));
    expect(e502).toMatchObject({ kind: 'unavailable', status: 502, problem: null, message: 'HTTP 502 from /api/analytics/v1/kpis/overview' });
  });

  it('reports a network failure as unavailable and a 2xx that is not JSON as invalid', async () => {
    const offline = await failure(stub(() => Promise.reject(new TypeError('Failed to fetch'))).get('/v1/kpis/overview', { token: 'tok' }));
    expect(offline).toMatchObject({ kind: 'unavailable', status: null });
    const html = await failure(stub(() => new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } })).get('/v1/kpis/overview', { token: 'tok' }));
    expect(html).toMatchObject({ kind: 'invalid-response', status: 200 });
    const empty = await failure(stub(() => new Response(null, { status: 204 })).get('/v1/kpis/overview', { token: 'tok' }));
    expect(empty).toMatchObject({ kind: 'invalid-response', status: 204 });
  });

  it('passes the signal through and lets an abort through as it is', async () => {
    const controller = new AbortController();
    const { get, requests } = stub((req) => {
      controller.abort();
      return Promise.reject(req.signal.reason ?? new DOMException('The operation was aborted.', 'AbortError'));
    });
    const err: unknown = await get('/v1/kpis/overview', { token: 'tok', signal: controller.signal }).catch((e: unknown) => e);
    expect(requests[0]?.signal.aborted).toBe(true);
    expect(err).toBeInstanceOf(DOMException);
    expect((err as DOMException).name).toBe('AbortError');
  });
});
