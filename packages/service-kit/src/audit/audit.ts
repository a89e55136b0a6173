import { Controller, Get, Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { ApiDoc } from '../openapi/api-doc';
import { Reflector } from '@nestjs/core';
import { Type, type Static } from '@sinclair/typebox';
import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { Pool } from 'pg';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { Roles } from '../auth/auth.guard';
import type { Principal } from '../auth/principal';
import { ValidQuery } from '../http/schema.pipe';
import { decodeCursor, pageOf, pageQuery, toPage, type Page } from '../pagination/pagination';
import { PLATFORM_POOL } from '../idempotency/idempotency.interceptor';

const AUDITED = 'meic:audited';
export const AUDIT_LOGGER = Symbol('AUDIT_LOGGER');

export interface AuditedOptions {
  /** What kind of record the handler touches, e.g. `beneficiary`. */
  resource: string;
  /** Reads are audited only when they return personal data. */
  personalData?: boolean;
  /**
   * Take the record's id from the response only, never from the path: the path names a person
   * whose id must not outlive their erasure (the erasure's own id is recorded instead).
   */
  idFromResponse?: boolean;
}

/**
 * Marks a handler for the audit log. Every write is audited anyway; a read is audited when it
 * is marked `personalData: true`, with one entry per record returned.
 */
export const Audited = (options: AuditedOptions) => SetMetadata(AUDITED, options);

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface Entry {
  actor: string;
  role: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  siteCode: string | null;
  status: number;
}

function idsOf(body: unknown): { id: string | null; siteCode: string | null }[] {
  const one = (x: unknown) => {
    const r = (x ?? {}) as Record<string, unknown>;
    const id = typeof r['id'] === 'string' ? r['id'] : typeof r['code'] === 'string' ? r['code'] : null;
    return { id, siteCode: typeof r['siteCode'] === 'string' ? r['siteCode'] : typeof r['code'] === 'string' ? r['code'] : null };
  };
  const items = (body as { items?: unknown[] } | null)?.items;
  return Array.isArray(items) ? items.map(one) : [one(body)];
}

/**
 * Who did what to which record, and when: every write (successful or refused) and every read
 * of personal data. Entries are written after the response is decided, never with bodies.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    @Inject(PLATFORM_POOL) private readonly pool: Pool,
    @Inject(AUDIT_LOGGER) private readonly logger: Logger,
    private readonly reflector: Reflector,
  ) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    const req = http.getRequest<Request & { principal?: Principal }>();
    const res = http.getResponse<Response>();
    const options = this.reflector.getAllAndOverride<AuditedOptions | undefined>(AUDITED, [ctx.getHandler(), ctx.getClass()]);
    const isWrite = WRITES.has(req.method);
    if (!req.principal || (!isWrite && !options?.personalData)) return next.handle();
    const principal = req.principal;
    const route = (req.route as { path?: string } | undefined)?.path ?? req.path;
    const resourceType = options?.resource ?? route.split('/')[2] ?? 'unknown';
    const params = req.params as Record<string, string | undefined>;
    const paramId = options?.idFromResponse ? null : (params['id'] ?? params['code'] ?? params['beneficiaryId'] ?? null);
    const action = isWrite ? `${req.method} ${route}` : `read ${route}`;
    const base = { actor: principal.sub, role: principal.role, action, resourceType };

    return next.handle().pipe(
      mergeMap((body: unknown) => {
        const records = isWrite && paramId ? [{ id: paramId, siteCode: idsOf(body)[0]?.siteCode ?? null }] : idsOf(body);
        const entries = records.map((r) => ({ ...base, resourceId: r.id ?? paramId, siteCode: r.siteCode, status: res.statusCode }));
        return from(this.write(entries).then(() => body));
      }),
      catchError((error: unknown) => {
        const status = (error as { getStatus?: () => number }).getStatus?.() ?? 500;
        // A refused create has no id yet; the natural key in the body (a site code) still says which record.
        const target = idsOf(req.body)[0];
        // A 404 names nothing held here, and for an erased person the id would link the entry to them again.
        const resourceId = status === 404 ? null : (paramId ?? target?.id ?? null);
        return from(this.write([{ ...base, resourceId, siteCode: target?.siteCode ?? null, status }]).then(() => Promise.reject(error)));
      }),
    );
  }

  private async write(entries: Entry[]): Promise<void> {
    if (entries.length === 0) return;
    const values: unknown[] = [];
    const rows = entries.map((e, i) => {
      values.push(e.actor, e.role, e.action, e.resourceType, e.resourceId, e.siteCode, e.status);
      const o = i * 7;
      return `($${o + 1}, $${o + 2}, $${o + 3}, $${o + 4}, $${o + 5}, $${o + 6}, $${o + 7})`;
    });
    try {
      await this.pool.query(`INSERT INTO audit_log (actor, role, action, resource_type, resource_id, site_code, status) VALUES ${rows.join(', ')}`, values);
    } catch (e) {
      // An unrecorded access must be visible to operators; the response itself stands.
      this.logger.error({ err: (e as Error).message, entries: entries.length }, 'audit log write failed');
      throw e;
    }
  }
}

export const AuditQuery = Type.Object(
  {
    resourceType: Type.Optional(Type.String({ minLength: 1 })),
    resourceId: Type.Optional(Type.String({ minLength: 1 })),
    actor: Type.Optional(Type.String({ minLength: 1 })),
    siteCode: Type.Optional(Type.String({ minLength: 1 })),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    ...pageQuery,
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntryView = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String(),
  role: Type.String(),
  action: Type.String(),
  resourceType: Type.String(),
  resourceId: Type.Union([Type.String(), Type.Null()]),
  siteCode: Type.Union([Type.String(), Type.Null()]),
  status: Type.Integer(),
});
export type AuditEntryView = Static<typeof AuditEntryView>;

interface AuditRow {
  id: string;
  at: Date;
  actor: string;
  role: string;
  action: string;
  resource_type: string;
  resource_id: string | null;
  site_code: string | null;
  status: number;
}

@Controller('v1/audit-log')
@Roles('admin')
export class AuditController {
  constructor(@Inject(PLATFORM_POOL) private readonly pool: Pool) {}

  /** Newest first. */
  @ApiDoc({ summary: 'Audit log of this service: every write and every read of personal data (admin only), newest first', responses: { 200: { description: 'Entries', schema: pageOf(AuditEntryView) } } })
  @Get()
  async list(@ValidQuery(AuditQuery) q: AuditQuery): Promise<Page<AuditEntryView>> {
    const limit = q.limit ?? 50;
    const after = decodeCursor<{ id: string }>(q.cursor, ['id']);
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace('?', `$${values.length}`));
    };
    if (q.resourceType) add('resource_type = ?', q.resourceType);
    if (q.resourceId) add('resource_id = ?', q.resourceId);
    if (q.actor) add('actor = ?', q.actor);
    if (q.siteCode) add('site_code = ?', q.siteCode);
    if (q.from) add('at >= ?', q.from);
    if (q.to) add('at < ?', q.to);
    if (after) add('id < ?', after.id);
    values.push(limit + 1);
    const { rows } = await this.pool.query<AuditRow>(
      `SELECT id::text, at, actor, role, action, resource_type, resource_id, site_code, status FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT $${values.length}`,
      values,
    );
    return toPage(
      rows,
      limit,
      (r) => ({ id: r.id }),
      (r) => ({ id: r.id, at: r.at.toISOString(), actor: r.actor, role: r.role, action: r.action, resourceType: r.resource_type, resourceId: r.resource_id, siteCode: r.site_code, status: r.status }),
    );
  }
}
