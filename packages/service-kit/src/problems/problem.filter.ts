import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Problem, PROBLEM_TYPE_BASE, type ProblemBody } from './problem';

function statusTitle(status: number): string {
  const titles: Record<number, string> = { 400: 'Bad request', 401: 'Authentication required', 403: 'Forbidden', 404: 'Not found', 405: 'Method not allowed', 409: 'Conflict', 413: 'Payload too large', 415: 'Unsupported media type', 422: 'Unprocessable', 429: 'Too many requests' };
  return titles[status] ?? (status >= 500 ? 'Internal error' : 'Error');
}

/**
 * The database had no connection free in time (Prisma P2028 "Unable to start a transaction in
 * the given time", pg's pool timeout): the request did nothing and can be sent again, so the
 * client gets 503 with Retry-After rather than an internal error it must not retry.
 */
export function isDatabaseBusy(exception: unknown): boolean {
  const e = exception as { code?: unknown; message?: unknown } | null;
  if (e?.code === 'P2028') return true;
  return typeof e?.message === 'string' && /timeout exceeded when trying to connect/i.test(e.message);
}

/** Renders every error as application/problem+json; internal details never reach the client. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const res = http.getResponse<Response>();
    const req = http.getRequest<Request>();
    const body = this.toProblem(exception);
    body.instance = req.originalUrl?.split('?')[0];
    if (body.status === 503) {
      this.logger.warn(`${req.method} ${body.instance}: ${body.detail ?? 'unavailable'}`);
      res.setHeader('retry-after', '1');
    } else if (body.status >= 500) {
      this.logger.error(`${req.method} ${body.instance} failed: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    res.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }

  private toProblem(exception: unknown): ProblemBody {
    if (exception instanceof Problem) return { ...exception.body };
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const detail = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { type: `${PROBLEM_TYPE_BASE}http-${status}`, title: statusTitle(status), status, detail };
    }
    // Nest maps invalid JSON to a 400 itself; other body-parser errors (e.g. 413) carry a status.
    const candidate = exception as { status?: unknown; message?: unknown };
    if (typeof candidate?.status === 'number' && candidate.status >= 400 && candidate.status < 500) {
      const detail = String(candidate.message ?? 'Bad request');
      return { type: `${PROBLEM_TYPE_BASE}http-${candidate.status}`, title: statusTitle(candidate.status), status: candidate.status, detail };
    }
    if (isDatabaseBusy(exception)) {
      return { type: `${PROBLEM_TYPE_BASE}busy`, title: 'Service busy', status: 503, detail: 'The database had no connection free in time; nothing was written. Retry shortly.' };
    }
    return { type: `${PROBLEM_TYPE_BASE}internal`, title: 'Internal error', status: 500, detail: 'An unexpected error occurred; it has been logged.' };
  }
}
