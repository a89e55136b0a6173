import { ApiClient } from '../api/api-client';
import type { CliContext } from '../cli/cli-context';
import { captured } from '../testing/cli-capture';
import { erasuresReapplyCommand, retentionReportCommand } from './personal-data.command';

function context(answer: (url: string, init: RequestInit) => { status: number; body: unknown }) {
  const calls: string[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    calls.push(`${init.method} ${url}`);
    const { status, body } = answer(url, init);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
  const urls = { stakeholders: 'http://s', trainings: 'http://t', beneficiaries: 'http://b', analytics: 'http://a' };
  const out = captured();
  const err = captured();
  const ctx: CliContext = { client: new ApiClient({ urls, token: 't', fetchImpl }), stdout: out.stream, stderr: err.stream, interactive: false, cwd: '/' };
  return { ctx, calls, out: out.text, err: err.text };
}

describe('retention:report and erasures:reapply', () => {
  it('prints each site and who would be erased, asking for the given day', async () => {
    const report = {
      asOf: '2031-02-01',
      sites: [
        { siteCode: 'IT-RM', programmeEndsOn: '2026-01-31', years: 5, expiresOn: '2031-01-31', expired: 1 },
        { siteCode: 'CY-NIC', programmeEndsOn: null, years: 5, expiresOn: null, expired: 0 },
      ],
      people: [{ beneficiaryId: '0b6f3f0e-3f57-4c1e-9a57-0d6a3f1c2b11', siteCode: 'IT-RM', enrolledOn: '2025-01-10', expiredOn: '2031-01-31' }],
    };
    const { ctx, calls, out } = context(() => ({ status: 200, body: report }));
    expect(await retentionReportCommand(['--as-of', '2031-02-01'], ctx)).toBe(0);
    expect(calls).toEqual(['GET http://b/v1/retention/report?asOf=2031-02-01']);
    expect(out()).toContain('IT-RM    programme ends 2026-01-31, kept 5 years, until 2031-01-31; 1 would be erased');
    expect(out()).toContain('CY-NIC   no retention set: records are kept; 0 would be erased');
    expect(out()).toContain('1 people would be erased:\n  0b6f3f0e-3f57-4c1e-9a57-0d6a3f1c2b11 IT-RM enrolled 2025-01-10, expired 2031-01-31');
  });

  it('refuses a malformed day without calling the service', async () => {
    const { ctx, calls, err } = context(() => ({ status: 500, body: {} }));
    expect(await retentionReportCommand(['--as-of', '01/02/2031'], ctx)).toBe(2);
    expect(calls).toEqual([]);
    expect(err()).toContain('--as-of must be a date YYYY-MM-DD');
  });

  it('re-applies erasures and says what it did, or why it could not', async () => {
    const ok = context(() => ({ status: 200, body: { erasedInLog: 12, erasedAgain: 2, rerun: 10 } }));
    expect(await erasuresReapplyCommand([], ok.ctx)).toBe(0);
    expect(ok.calls).toEqual(['POST http://b/v1/erasures/reapply']);
    expect(ok.out()).toContain('12 erasures in the Kafka log; 2 people the restore brought back erased again; 10 finished erasures');
    const refused = context(() => ({ status: 403, body: { title: 'Forbidden' } }));
    expect(await erasuresReapplyCommand([], refused.ctx)).toBe(1);
    expect(refused.err()).toContain('answered 403');
  });
});
