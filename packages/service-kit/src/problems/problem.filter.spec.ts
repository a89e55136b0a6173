import type { ArgumentsHost } from '@nestjs/common';
import { ProblemFilter } from './problem.filter';

function respond(exception: unknown) {
  const sent: { status?: number; headers: Record<string, string>; body?: Record<string, unknown> } = { headers: {} };
  const res = {
    status(code: number) {
      sent.status = code;
      return res;
    },
    type() {
      return res;
    },
    setHeader(name: string, value: string) {
      sent.headers[name] = value;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
    },
  };
  const host = { switchToHttp: () => ({ getResponse: () => res, getRequest: () => ({ method: 'POST', originalUrl: '/v1/beneficiaries?x=1' }) }) } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe('ProblemFilter', () => {
  it('answers 503 with Retry-After when the database had no connection free (Prisma P2028), so clients retry', () => {
    const busy = Object.assign(new Error('Transaction API error: Unable to start a transaction in the given time.'), { code: 'P2028' });
    const sent = respond(busy);
    expect(sent.status).toBe(503);
    expect(sent.headers['retry-after']).toBe('1');
    expect(sent.body).toMatchObject({ status: 503, title: 'Service busy', instance: '/v1/beneficiaries' });
  });

  it('keeps other unexpected errors a 500 that says nothing of the internals', () => {
    const sent = respond(new Error('column "given_name" does not exist'));
    expect(sent.status).toBe(500);
    expect(JSON.stringify(sent.body)).not.toContain('given_name');
    expect(sent.headers['retry-after']).toBeUndefined();
  });
});
