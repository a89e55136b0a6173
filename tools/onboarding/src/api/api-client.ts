/**
 * The one way the service-team tools talk to the platform: the public REST API of each service,
 * with a bearer token, `Idempotency-Key`s, and patience for the two kinds of "not yet" a
 * distributed write meets — a service that is still starting, and a read model that has not yet
 * seen the event another service just published (422 "unknown site/beneficiary/organisation").
 */

export type ServiceName = 'stakeholders' | 'trainings' | 'beneficiaries' | 'analytics';

export type ServiceUrls = Record<ServiceName, string>;

export interface FieldProblem {
  path: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  errors?: FieldProblem[];
}

export interface ApiResult<T = unknown> {
  status: number;
  body: T;
  /** The service replayed the stored response of an earlier request with the same Idempotency-Key. */
  replayed?: boolean;
}

export interface CallOptions {
  idempotencyKey?: string;
  /**
   * How long a 422 naming an unknown reference is retried: the referenced record may exist in
   * its own service and not yet in this one's read model. 0 returns the first 422.
   */
  referenceWaitMs?: number;
}

export interface ApiClientOptions {
  urls: ServiceUrls;
  token: string;
  /** How long a service that cannot be reached (or answers 502/503/504/429) is retried. */
  unavailableWaitMs?: number;
  referenceWaitMs?: number;
  fetchImpl?: typeof fetch;
}

/** A non-2xx answer that the caller did not expect: status and the problem+json body. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly url: string,
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(`${method} ${url} → ${status}: ${problem.detail ?? problem.title ?? 'no detail'}${problem.errors?.length ? ` (${problem.errors.map((e) => `${e.path}: ${e.message}`).join('; ')})` : ''}`);
    this.name = 'ApiError';
  }
}

const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** True when a 422 only says a referenced record is not known (yet) to the answering service. */
export function isUnknownReference(result: ApiResult): boolean {
  if (result.status !== 422) return false;
  const problem = result.body as Problem | undefined;
  const messages = [...(problem?.errors ?? []).map((e) => e.message), problem?.detail ?? ''];
  return messages.some((m) => /\bunknown (site|beneficiary|organisation|mentor)\b|not known to the/i.test(m));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ApiClient {
  private readonly fetchImpl: typeof fetch;
  private readonly unavailableWaitMs: number;
  private readonly referenceWaitMs: number;

  constructor(private readonly options: ApiClientOptions) {
    this.fetchImpl = options.fetchImpl ?? fetch;
    this.unavailableWaitMs = options.unavailableWaitMs ?? 60_000;
    this.referenceWaitMs = options.referenceWaitMs ?? 60_000;
  }

  get urls(): ServiceUrls {
    return this.options.urls;
  }

  get<T = unknown>(service: ServiceName, path: string): Promise<ApiResult<T>> {
    return this.call<T>(service, 'GET', path);
  }

  post<T = unknown>(service: ServiceName, path: string, body: unknown, options: CallOptions = {}): Promise<ApiResult<T>> {
    return this.call<T>(service, 'POST', path, body, options);
  }

  patch<T = unknown>(service: ServiceName, path: string, body: unknown, options: CallOptions = {}): Promise<ApiResult<T>> {
    return this.call<T>(service, 'PATCH', path, body, options);
  }

  /** GET that must answer 200: anything else is an ApiError. */
  async read<T>(service: ServiceName, path: string): Promise<T> {
    const result = await this.get<T>(service, path);
    if (result.status !== 200) throw new ApiError('GET', this.url(service, path), result.status, result.body as unknown as Problem);
    return result.body;
  }

  /** Every item of a keyset-paginated list (`{items, nextCursor}`), following the cursors. */
  async readAll<T>(service: ServiceName, path: string, pageSize = 200): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page: { items: T[]; nextCursor?: string | null } = await this.read(service, `${path}${sep}limit=${pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
      items.push(...page.items);
      cursor = page.nextCursor ?? null;
    } while (cursor);
    return items;
  }

  async call<T>(service: ServiceName, method: string, path: string, body?: unknown, options: CallOptions = {}): Promise<ApiResult<T>> {
    const url = this.url(service, path);
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const referenceDeadline = Date.now() + (options.referenceWaitMs ?? this.referenceWaitMs);
    const unavailableDeadline = Date.now() + this.unavailableWaitMs;
    for (let attempt = 0; ; attempt += 1) {
      const backoff = Math.min(2_000, 50 * 2 ** Math.min(attempt, 6));
      let result: ApiResult<T>;
      try {
        const res = await this.fetchImpl(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
        const text = await res.text();
        result = { status: res.status, body: (text ? safeJson(text) : undefined) as T, ...(res.headers.get('idempotent-replayed') === 'true' ? { replayed: true } : {}) };
      } catch (error) {
        if (Date.now() + backoff > unavailableDeadline) throw new Error(`${method} ${url}: the ${service} service cannot be reached (${describe(error)})`, { cause: error });
        await sleep(backoff);
        continue;
      }
      if (RETRYABLE_STATUS.has(result.status) && Date.now() + backoff <= unavailableDeadline) {
        await sleep(backoff);
        continue;
      }
      // A write whose key is still held by the first attempt (timed out client side) resolves soon.
      if (result.status === 409 && options.idempotencyKey && /still being processed/.test(String((result.body as Problem | undefined)?.detail)) && Date.now() + backoff <= unavailableDeadline) {
        await sleep(backoff);
        continue;
      }
      if (isUnknownReference(result) && Date.now() + backoff <= referenceDeadline) {
        await sleep(backoff);
        continue;
      }
      return result;
    }
  }

  /** A write that must succeed: 2xx body, or an ApiError carrying the problem. */
  async write<T>(service: ServiceName, method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown, options: CallOptions = {}): Promise<ApiResult<T>> {
    const result = await this.call<T>(service, method, path, body, options);
    if (result.status >= 300) throw new ApiError(method, this.url(service, path), result.status, (result.body ?? { status: result.status }) as unknown as Problem);
    return result;
  }

  private url(service: ServiceName, path: string): string {
    return `${this.options.urls[service].replace(/\/$/, '')}${path}`;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: { code?: string } }).cause;
    return cause?.code ?? error.message;
  }
  return String(error);
}
