import { spawn, type ChildProcess } from 'node:child_process';
import { apiClient, createTestDatabase, pollUntil, randomName, serviceTestEnv, signTestToken } from './index';
import { ensureServiceBuilt, freePort } from './built-service';

/** A service's own token (role `service`), as `npm start` writes one for each service that calls another. */
export function testServiceToken(service: string): Promise<string> {
  return signTestToken({ role: 'service', sub: `svc-${service}` }, { expiresIn: '6h' });
}

/** A birth date that puts a person enrolled on 2026-03-02 in `ageBand`. */
export function birthDateFor(ageBand: string): string {
  const years: Record<string, number> = { '18-24': 2004, '25-29': 1999, '30-39': 1990, '40-54': 1980, '55+': 1965 };
  return `${years[ageBand] ?? 1999}-01-01`;
}

export interface PeerPerson {
  sex?: string;
  ageBand?: string;
  citizenship?: string;
  legalStatus?: string;
}

/**
 * The beneficiaries service as a real process on a fresh database, for the tests of a service that
 * asks it who people are (trainings, stakeholders): it learns sites from the stakeholders topic as
 * in production, enrols people through its API, and answers their references to service tokens.
 */
export interface BeneficiariesPeer {
  url: string;
  /** Enrols a person at a site already published on the stakeholders topic: their id, and the pseudonym their events carry. */
  enrol(siteCode: string, person?: PeerPerson, enrolledOn?: string): Promise<{ id: string; pseudonym: string }>;
  /** DELETE /v1/beneficiaries/{id}: meic.beneficiary.erased goes out. */
  erase(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBeneficiariesPeer(): Promise<BeneficiariesPeer> {
  const main = ensureServiceBuilt('beneficiaries', 'main.js');
  const db = await createTestDatabase('beneficiaries_peer');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = serviceTestEnv({ DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', KAFKA_CONSUMER_GROUP: randomName('beneficiaries_peer'), TEMPORAL_TASK_QUEUE: randomName('peer_pathways'), LOG_LEVEL: 'error' });
  const child: ChildProcess = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const close = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.drop();
  };
  try {
    await pollUntil(`the beneficiaries service on ${url} to be ready`, async () => (await fetch(`${url}/readyz`).catch(() => undefined))?.ok || (child.exitCode !== null ? Promise.reject(new Error(`exited ${child.exitCode}: ${stderr}`)) : undefined), { timeoutMs: 60_000 });
  } catch (e) {
    await close().catch(() => undefined);
    throw e;
  }
  const admin = apiClient(url, await signTestToken({ role: 'admin', sub: 'test-admin-peer' }, { expiresIn: '6h' }));
  const service = apiClient(url, await testServiceToken('test'));
  return {
    url,
    async enrol(siteCode, person = {}, enrolledOn = '2026-03-02') {
      const body = {
        siteCode,
        enrolledOn,
        person: { givenName: 'Peer', familyName: 'Person', birthDate: birthDateFor(person.ageBand ?? '25-29') },
        sex: person.sex ?? 'female',
        citizenship: person.citizenship ?? 'ML',
        legalStatus: person.legalStatus ?? 'refugee',
        arrivalYear: 2023,
        educationIsced: 3,
        languages: [],
        consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: enrolledOn },
      };
      // The site reaches it through the stakeholders topic: an unknown site is a 422 until then.
      const created = await pollUntil(`enrolment at ${siteCode}`, async () => {
        const res = await admin.post<{ id: string }>('/v1/beneficiaries', body);
        if (res.status === 201) return res.body;
        if (res.status !== 422) throw new Error(`enrolment failed: ${res.status} ${JSON.stringify(res.body)}`);
        return undefined;
      }, { timeoutMs: 30_000 });
      const ref = await service.get<{ pseudonym: string }>(`/v1/beneficiaries/${created.id}/reference`);
      if (ref.status !== 200) throw new Error(`reference failed: ${ref.status} ${JSON.stringify(ref.body)}`);
      return { id: created.id, pseudonym: ref.body.pseudonym };
    },
    async erase(id) {
      const res = await admin.delete(`/v1/beneficiaries/${id}`);
      if (res.status !== 204 && res.status !== 202) throw new Error(`erasure failed: ${res.status} ${JSON.stringify(res.body)}`);
    },
    close,
  };
}
