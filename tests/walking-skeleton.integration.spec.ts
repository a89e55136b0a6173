import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@meic/service-kit';
import { apiClient, createTestDatabase, listen, pollUntil, randomName, serviceTestEnv, signTestToken, testServiceToken, testStack } from '@meic/testing';
import { createStakeholdersApp } from '@meic/stakeholders/app';
import { loadStakeholdersConfig } from '@meic/stakeholders/config';
import { createBeneficiariesApp } from '@meic/beneficiaries/app';
import { loadBeneficiariesConfig } from '@meic/beneficiaries/config';
import { createPathwayWorker, openPathwayPorts } from '@meic/beneficiaries/pathway-worker';
import { createAnalyticsApp } from '@meic/analytics/app';
import { loadAnalyticsConfig } from '@meic/analytics/config';
import { Client } from 'pg';

const exec = promisify(execFile);
const logger = createLogger('test', 'warn');

/**
 * The walking skeleton through the real parts: a site and a beneficiary are written with
 * their outbox rows, relayed to Kafka as CloudEvents, counted by analytics from ClickHouse and
 * given a pathway workflow in Temporal. kcat and the temporal CLI check it independently.
 */
describe('walking skeleton: site → beneficiary → Kafka → ClickHouse KPI and Temporal pathway', () => {
  const stack = testStack();
  const siteCode = `IT-${randomName('s').replace(/[^a-z0-9]/g, '').slice(-6).toUpperCase()}`;
  const taskQueue = randomName('pathways');
  const apps: INestApplication[] = [];
  const drops: (() => Promise<void>)[] = [];
  let chdbDir: string;
  let worker: Awaited<ReturnType<typeof createPathwayWorker>>;
  let workerRun: Promise<void>;
  let closePorts: (() => Promise<void>) | undefined;
  let urls: { stakeholders: string; beneficiaries: string; analytics: string };
  let beneficiariesDb: string;

  beforeAll(async () => {
    const stakeholdersDb = await createTestDatabase('stakeholders');
    const benDb = await createTestDatabase('beneficiaries');
    beneficiariesDb = benDb.url;
    drops.push(stakeholdersDb.drop, benDb.drop);
    chdbDir = mkdtempSync(join(tmpdir(), 'meic-chdb-'));

    const beneficiaries = await createBeneficiariesApp(
      loadBeneficiariesConfig(serviceTestEnv({ DATABASE_URL: benDb.url, TEMPORAL_TASK_QUEUE: taskQueue, KAFKA_CONSUMER_GROUP: randomName('beneficiaries') })),
      logger,
    );
    const beneficiariesUrl = await listen(beneficiaries);
    const stakeholders = await createStakeholdersApp(
      loadStakeholdersConfig(serviceTestEnv({ DATABASE_URL: stakeholdersDb.url, BENEFICIARIES_URL: beneficiariesUrl, MEIC_SERVICE_TOKEN: await testServiceToken('stakeholders') })),
      logger,
    );
    const analytics = await createAnalyticsApp(loadAnalyticsConfig(serviceTestEnv({ CHDB_PATH: chdbDir, KAFKA_CONSUMER_GROUP: randomName('analytics') })), logger);
    apps.push(beneficiaries, stakeholders, analytics);
    urls = { stakeholders: await listen(stakeholders), beneficiaries: beneficiariesUrl, analytics: await listen(analytics) };

    // The worker's activities write stage changes and tasks to the beneficiaries database.
    const ports = openPathwayPorts(benDb.url, { temporal: { address: stack.temporalAddress, namespace: stack.temporalNamespace }, peers: [{ store: 'stakeholders', url: urls.stakeholders }], token: await testServiceToken('pathway-worker').then((t) => () => t) });
    closePorts = ports.close;
    worker = await createPathwayWorker({ TEMPORAL_ADDRESS: stack.temporalAddress, TEMPORAL_NAMESPACE: stack.temporalNamespace, TEMPORAL_TASK_QUEUE: taskQueue }, ports.ports);
    workerRun = worker.worker.run();
  });

  afterAll(async () => {
    worker?.worker.shutdown();
    await workerRun?.catch(() => undefined);
    await worker?.connection.close();
    await closePorts?.();
    for (const app of apps.reverse()) await app.close();
    for (const drop of drops) await drop();
    if (chdbDir) rmSync(chdbDir, { recursive: true, force: true });
  });

  it('counts an enrolled beneficiary within 5 s, runs their pathway, and shows both to independent clients', async () => {
    const admin = apiClient(urls.stakeholders, await signTestToken({ role: 'admin' }));
    const staffToken = await signTestToken({ role: 'site_staff', sites: [siteCode] });

    const site = await admin.post<{ code: string }>('/v1/sites', {
      code: siteCode,
      name: 'Roma Est',
      country: 'IT',
      city: 'Roma',
      programme: 'AMIL',
      clusterName: 'Cluster MEIC Roma',
      startedOn: '2026-01-15',
      defaultLanguage: 'it',
      targets: { enrolled: 120, placed: 45, womenSharePct: 40 },
    });
    expect(site.status).toBe(201);
    expect(site.body.code).toBe(siteCode);

    // The beneficiaries service learns the site from Kafka, not from a call: wait for its read model.
    const staff = apiClient(urls.beneficiaries, staffToken);
    const body = {
      siteCode,
      enrolledOn: '2026-03-02',
      person: { givenName: 'Amina', familyName: 'Diallo', birthDate: '1998-05-17', phone: '+39 333 1234567' },
      sex: 'female',
      citizenship: 'ML',
      legalStatus: 'refugee',
      arrivalYear: 2023,
      educationIsced: 3,
      languages: [{ code: 'fr', cefr: 'C1' }, { code: 'it', cefr: 'A2' }],
      consent: { dataProcessing: true, evaluationFollowUp: true, recordedOn: '2026-03-02' },
    };
    const created = await pollUntil('the beneficiaries service to know the new site', async () => {
      const res = await staff.post<{ id: string; person: { givenName: string } }>('/v1/beneficiaries', body);
      return res.status === 422 ? undefined : res;
    });
    expect(created.status).toBe(201);
    expect(created.body.person.givenName).toBe('Amina');
    const beneficiaryId = created.body.id;
    const enrolledAt = Date.now();

    // Row and outbox rows (the enrolment and the consent in force) were written together, and the
    // relay marked both published.
    const pg = new Client({ connectionString: beneficiariesDb });
    await pg.connect();
    // Events name the person by the pseudonym the service drew for them, never by the id.
    const { pseudonym } = (await pg.query<{ pseudonym: string }>('SELECT pseudonym FROM beneficiaries WHERE id = $1', [beneficiaryId])).rows[0]!;
    const published = await pollUntil('the outbox rows to be published', async () => {
      const { rows } = await pg.query<{ published_at: Date | null; message_key: string; type: string }>("SELECT published_at, message_key, headers->>'ce_type' AS type FROM outbox_events ORDER BY id");
      return rows.length === 2 && rows.every((r) => r.published_at) ? rows : undefined;
    });
    expect(published.map((r) => [r.type, r.message_key])).toEqual([
      ['meic.beneficiary.enrolled.v2', pseudonym],
      ['meic.beneficiary.consent-recorded.v2', pseudonym],
    ]);
    await pg.end();

    // Analytics counts the person within 5 seconds of the write.
    const analytics = apiClient(urls.analytics, staffToken);
    const overview = await pollUntil(
      'the overview KPI to count the beneficiary',
      async () => {
        const res = await analytics.get<{ groups: { key: string; enrolled: { value: number }; women: { value: number }; targets: { enrolled: number } }[] }>(
          `/v1/kpis/overview?groupBy=site&site=${siteCode}`,
        );
        const group = res.body.groups?.find((g) => g.key === siteCode);
        return group?.enrolled.value === 1 ? group : undefined;
      },
      { timeoutMs: 5000, intervalMs: 100 },
    );
    expect(Date.now() - enrolledAt).toBeLessThan(5000);
    expect(overview.women.value).toBe(1);
    expect(overview.targets.enrolled).toBe(120);

    // The pathway workflow runs in namespace meic, seen through the temporal CLI.
    const describe = await pollUntil('the pathway workflow to be running', async () => {
      const { stdout } = await exec(stack.temporalCli, ['workflow', 'describe', '--workflow-id', `pathway-${beneficiaryId}`, '--namespace', 'meic', '--address', stack.temporalAddress, '--output', 'json']);
      const info = JSON.parse(stdout) as { workflowExecutionInfo?: { status?: string; type?: { name?: string } } };
      return info.workflowExecutionInfo?.status === 'WORKFLOW_EXECUTION_STATUS_RUNNING' ? info : undefined;
    });
    expect(describe.workflowExecutionInfo?.type?.name).toBe('pathwayWorkflow');

    // kcat sees the event with its CloudEvents headers and the pseudonym as key; no personal data, and not the id.
    const { stdout } = await exec(stack.kcat, ['-b', stack.kafkaBrokers, '-C', '-t', 'meic.beneficiaries.v1', '-o', 'beginning', '-e', '-q', '-f', '%k\t%h\t%s\n'], { maxBuffer: 64 * 1024 * 1024 });
    expect(stdout).not.toContain(beneficiaryId);
    const line = stdout.split('\n').find((l) => l.startsWith(`${pseudonym}\t`));
    expect(line).toBeDefined();
    const [, headers = '', value = ''] = (line ?? '').split('\t');
    expect(headers).toContain('ce_type=meic.beneficiary.enrolled.v2');
    expect(headers).toContain('ce_specversion=1.0');
    expect(headers).toContain(`ce_subject=${pseudonym}`);
    expect(headers).toContain('ce_source=/meic/beneficiaries');
    expect(headers).toMatch(/ce_id=[0-9a-f-]{36}/);
    expect(JSON.parse(value)).toEqual({
      pseudonym,
      siteCode,
      country: 'IT',
      programme: 'AMIL',
      occurredOn: '2026-03-02',
      sex: 'female',
      ageBand: '25-29',
      citizenship: 'ML',
      legalStatus: 'refugee',
    });
    expect(value).not.toMatch(/Amina|Diallo|1998-05-17|333/);
  });

  it('answers problem+json: 401 without a token, 403 outside role or site, 400 naming the field', async () => {
    const anonymous = await apiClient(urls.stakeholders).get('/v1/sites');
    expect(anonymous.status).toBe(401);
    expect(anonymous.contentType).toContain('application/problem+json');
    expect(anonymous.body).toMatchObject({ status: 401, title: 'Authentication required' });

    const forged = await apiClient(urls.stakeholders, `${await signTestToken({ role: 'admin' })}x`).get('/v1/sites');
    expect(forged.status).toBe(401);

    const staffElsewhere = apiClient(urls.stakeholders, await signTestToken({ role: 'site_staff', sites: ['GR-ATH'] }));
    const notAdmin = await staffElsewhere.post('/v1/sites', { code: 'GR-XYZ' });
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.contentType).toContain('application/problem+json');

    const evaluator = apiClient(urls.beneficiaries, await signTestToken({ role: 'evaluator' }));
    expect((await evaluator.post('/v1/beneficiaries', {})).status).toBe(403);

    const admin = apiClient(urls.stakeholders, await signTestToken({ role: 'admin' }));
    const invalid = await admin.post<{ errors: { path: string; message: string }[] }>('/v1/sites', {
      code: 'IT-BAD',
      name: 'x',
      country: 'IT',
      city: 'x',
      programme: 'AMIL',
      clusterName: 'x',
      startedOn: '2026-02-30x',
      defaultLanguage: 'it',
      targets: { enrolled: -1, placed: 1, womenSharePct: 40 },
      nickname: 'unknown field',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.contentType).toContain('application/problem+json');
    expect(invalid.body.errors).toEqual(
      expect.arrayContaining([
        { path: '/nickname', message: 'is not a known field' },
        expect.objectContaining({ path: '/startedOn' }),
        expect.objectContaining({ path: '/targets/enrolled' }),
      ]),
    );
    expect((await admin.get(`/v1/sites/IT-BAD`)).status).toBe(404);

    // Idempotency-Key: a replay returns the first response and writes nothing; another body is a conflict.
    const siteBody = { code: 'CY-IDEM', name: 'Larnaca', country: 'CY', city: 'Larnaca', programme: 'AMIL', clusterName: 'C', startedOn: '2026-01-01', defaultLanguage: 'el', targets: { enrolled: 10, placed: 4, womenSharePct: 50 } };
    const first = await admin.post<{ createdAt: string }>('/v1/sites', siteBody, { 'idempotency-key': 'k-1' });
    const replay = await admin.post<{ createdAt: string }>('/v1/sites', { ...siteBody }, { 'idempotency-key': 'k-1' });
    expect(first.status).toBe(201);
    expect(replay).toEqual(first);
    const withoutKey = await admin.post('/v1/sites', siteBody);
    expect(withoutKey.status).toBe(409);
    const otherBody = await admin.post('/v1/sites', { ...siteBody, city: 'Limassol' }, { 'idempotency-key': 'k-1' });
    expect(otherBody.status).toBe(409);
    expect(otherBody.contentType).toContain('application/problem+json');

    // The audit log records who wrote which record, for admins only.
    const audit = await admin.get<{ items: { actor: string; action: string; resourceId: string; status: number }[] }>('/v1/audit-log?resourceId=CY-IDEM');
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => [e.actor, e.action, e.status])).toEqual(
      expect.arrayContaining([
        ['test-admin', 'POST /v1/sites', 201],
        ['test-admin', 'POST /v1/sites', 409],
      ]),
    );
    expect((await staffElsewhere.get('/v1/audit-log')).status).toBe(403);

    const health = await fetch(`${urls.analytics}/readyz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ready', checks: { clickhouse: 'ok', 'kafka-consumer': 'ok' } });
  });
});
