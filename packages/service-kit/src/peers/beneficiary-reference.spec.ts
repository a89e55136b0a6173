import { createServer, type Server } from 'node:http';
import { Problem } from '../problems/problem';
import { BeneficiaryReferences, eventWithoutPseudonym } from './beneficiary-reference';

/** A stand-in for the beneficiaries service answering what the test sets, to check how the client reads each answer. */
describe('BeneficiaryReferences', () => {
  let server: Server;
  let baseUrl: string;
  let answer: { status: number; body?: unknown; hang?: boolean } = { status: 200 };
  const seen: { url?: string; auth?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization });
      if (answer.hang) return;
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  const reference = { id: 'b7c6a52f-6a43-4a5e-9a53-1d7c1f0c2b11', pseudonym: 'c4d2e8f1-3b6a-4f0e-8a2d-5e9b7c1a4f36', siteCode: 'IT-RM', country: 'IT', enrolledOn: '2026-03-02', sex: 'female', ageBand: '25-29', citizenship: 'ML', legalStatus: 'refugee' };
  const client = () => new BeneficiaryReferences({ baseUrl, token: () => 'service-token', timeoutMs: 300 });
  const failure = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      return e instanceof Problem ? { status: e.getStatus(), detail: e.body.detail } : e;
    }
    throw new Error('expected a failure');
  };

  it('asks with its own token and returns the reference', async () => {
    answer = { status: 200, body: reference };
    expect(await client().find(reference.id)).toEqual(reference);
    expect(seen.at(-1)).toEqual({ url: `/v1/beneficiaries/${reference.id}/reference`, auth: 'Bearer service-token' });
  });

  it('reads unknown and erased alike: null', async () => {
    answer = { status: 404, body: { status: 404 } };
    expect(await client().find(reference.id)).toBeNull();
  });

  it('answers 503 naming the dependency for anything else, never a guess', async () => {
    answer = { status: 500, body: { status: 500 } };
    expect(await failure(client().find(reference.id))).toEqual({ status: 503, detail: expect.stringMatching(/beneficiaries service answered 500.*nothing was written/) });
    answer = { status: 200, body: { ...reference, pseudonym: undefined } };
    expect(await failure(client().find(reference.id))).toEqual({ status: 503, detail: expect.stringMatching(/cannot read/) });
    answer = { status: 200, hang: true };
    expect(await failure(client().find(reference.id))).toEqual({ status: 503, detail: expect.stringMatching(/did not answer/) });
  });
});

describe('eventWithoutPseudonym', () => {
  it('gives the person their event, type, time and data, without the pseudonym no person may see', () => {
    const value = JSON.stringify({ pseudonym: 'c4d2e8f1-3b6a-4f0e-8a2d-5e9b7c1a4f36', siteCode: 'IT-RM', occurredOn: '2026-03-02' });
    expect(eventWithoutPseudonym({ ce_type: 'meic.beneficiary.enrolled.v2', ce_time: '2026-03-02T10:00:00.000Z' }, value)).toEqual({
      type: 'meic.beneficiary.enrolled.v2',
      time: '2026-03-02T10:00:00.000Z',
      data: { siteCode: 'IT-RM', occurredOn: '2026-03-02' },
    });
  });
});
