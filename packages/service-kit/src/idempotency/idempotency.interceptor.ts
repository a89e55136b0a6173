import { createHash } from 'node:crypto';
import { Inject, Injectable, Optional, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { Pool } from 'pg';
import { from, lastValueFrom, type Observable } from 'rxjs';
import type { Principal } from '../auth/principal';
import { problems } from '../problems/problem';

export const PLATFORM_POOL = Symbol('PLATFORM_POOL');

/** A service's StoredResponses, when it has one (a global provider). */
export const STORED_RESPONSES = Symbol('STORED_RESPONSES');

/**
 * How a service keeps personal data out of the responses it stores for Idempotency-Key replays:
 * what is stored instead of a response, and the response a replay answers from it.
 */
export interface StoredResponses {
  toStored(body: unknown): unknown;
  fromStored(stored: unknown): Promise<unknown>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// A request that claimed a key and then vanished (process killed) frees it after this long.
const ABANDONED_AFTER_MS = 60_000;

/** Canonical JSON: key order must not make two equal bodies look different. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash('sha256').update(`${method} ${path}\n${canonical(body)}`).digest('hex');
}

interface KeyRow {
  request_hash: string;
  status_code: number | null;
  response_body: unknown;
  created_at: Date;
}

/**
 * `Idempotency-Key` on writes (contract "Errors"): the same key with the same request replays
 * the first response and changes nothing; with a different request it is a 409. Keys are
 * scoped to the caller. Only successful responses are kept: a failed write changed nothing,
 * so its retry may run again.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(PLATFORM_POOL) private readonly pool: Pool,
    @Optional() @Inject(STORED_RESPONSES) private readonly stored?: StoredResponses,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const key = req.header('idempotency-key');
    if (!key || !WRITES.has(req.method) || !req.principal) return next.handle();
    if (key.length > 200) throw problems.validation([{ path: '/headers/idempotency-key', message: 'must be at most 200 characters' }]);
    const res = ctx.switchToHttp().getResponse<Response>();
    return from(this.run(key, req, res, next));
  }

  private async run(key: string, req: Request & { principal?: Principal }, res: Response, next: CallHandler): Promise<unknown> {
    const principal = req.principal?.sub ?? '';
    const path = req.originalUrl.split('?')[0] ?? req.originalUrl;
    const hash = requestHash(req.method, path, req.body);
    const claimed = await this.claim(principal, key, req.method, path, hash);
    if (!claimed) {
      const row = await this.pool.query<KeyRow>('SELECT request_hash, status_code, response_body, created_at FROM idempotency_keys WHERE principal = $1 AND key = $2', [principal, key]);
      const existing = row.rows[0];
      if (!existing) return this.run(key, req, res, next); // released in between: claim again
      if (existing.request_hash !== hash) throw problems.conflict('This Idempotency-Key was already used with a different request.');
      if (existing.status_code === null) throw problems.conflict('A request with this Idempotency-Key is still being processed; retry later.');
      res.status(existing.status_code);
      res.setHeader('Idempotent-Replayed', 'true');
      return this.stored ? this.stored.fromStored(existing.response_body) : existing.response_body;
    }
    try {
      const body = await lastValueFrom(next.handle(), { defaultValue: undefined });
      await this.pool.query('UPDATE idempotency_keys SET status_code = $3, response_body = $4, completed_at = now() WHERE principal = $1 AND key = $2', [
        principal,
        key,
        res.statusCode,
        JSON.stringify((this.stored ? this.stored.toStored(body) : body) ?? null),
      ]);
      return body;
    } catch (e) {
      await this.pool.query('DELETE FROM idempotency_keys WHERE principal = $1 AND key = $2', [principal, key]);
      throw e;
    }
  }

  /** Takes the key, or an abandoned claim on it; false when someone holds or completed it. */
  private async claim(principal: string, key: string, method: string, path: string, hash: string): Promise<boolean> {
    const inserted = await this.pool.query(
      `INSERT INTO idempotency_keys (principal, key, method, path, request_hash) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (principal, key) DO UPDATE SET created_at = now(), request_hash = EXCLUDED.request_hash
         WHERE idempotency_keys.status_code IS NULL AND idempotency_keys.created_at < now() - make_interval(secs => $6)
           AND idempotency_keys.request_hash = EXCLUDED.request_hash
       RETURNING key`,
      [principal, key, method, path, hash, ABANDONED_AFTER_MS / 1000],
    );
    return (inserted.rowCount ?? 0) > 0;
  }
}

