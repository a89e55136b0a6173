/**
 * The domain services in-process on fresh databases against the test stack's real Kafka (and,
 * when asked, the analytics service on a fresh chdb directory reading the real topics), with an
 * ApiClient as the service-team tools use it. Excluded from the build: tests only.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createLogger } from '@meic/service-kit';
import { createTestDatabase, listen, randomName, serviceTestEnv, signTestToken, testServiceToken, type TestRole } from '@meic/testing';
import { createStakeholdersApp } from '@meic/stakeholders/app';
import { loadStakeholdersConfig } from '@meic/stakeholders/config';
import { createTrainingsApp } from '@meic/trainings/app';
import { loadTrainingsConfig } from '@meic/trainings/config';
import { createBeneficiariesApp } from '@meic/beneficiaries/app';
import { loadBeneficiariesConfig } from '@meic/beneficiaries/config';
import { createPathwayWorker, openPathwayPorts } from '@meic/beneficiaries/pathway-worker';
import { createAnalyticsApp } from '@meic/analytics/app';
import { loadAnalyticsConfig } from '@meic/analytics/config';
import { ClickHouseService } from '@meic/analytics/clickhouse/clickhouse.service';
import { ApiClient, type ServiceUrls } from '../api/api-client';

export interface StackHarness {
  urls: ServiceUrls;
  /** The domain services' databases, for tests that look at what they hold. */
  databases: { stakeholders: string; trainings: string; beneficiaries: string };
  /** The analytics service's ClickHouse (with `analytics`): rows of a query, or a statement run. */
  clickhouse: { rows(query: string): Promise<Record<string, unknown>[]>; command(statement: string): Promise<void>; database: string };
  /** A client signed in as `role` (admin unless told), as the CLI would be. */
  client(as?: { role?: TestRole; sites?: string[]; sub?: string }): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface StackOptions {
  analytics?: boolean;
  minCell?: number;
  /** A pathway worker on the beneficiaries service's (random) task queue, with the given catch-up grace for late records. */
  pathways?: { catchUpGraceSeconds: number };
  /** Where the services log, at debug level (errors only, to stdout, otherwise). */
  logs?: NodeJS.WritableStream;
  /** The analytics service's EXPORT_PSEUDONYM_KEY (its development key otherwise). */
  exportPseudonymKey?: string;
}

export async function startStack(opts: StackOptions = {}): Promise<StackHarness> {
  const logger = opts.logs ? createLogger('onboarding-test', 'debug', opts.logs) : createLogger('onboarding-test', 'error');
  const apps: INestApplication[] = [];
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const app of apps.reverse()) await app.close();
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const dbs = await Promise.all(['stakeholders', 'trainings', 'beneficiaries'].map((s) => createTestDatabase(s)));
    cleanups.push(...dbs.map((d) => d.drop));
    const [sdb, tdb, bdb] = dbs.map((d) => d.url) as [string, string, string];
    const beneficiariesConfig = loadBeneficiariesConfig(
      serviceTestEnv({
        DATABASE_URL: bdb,
        KAFKA_CONSUMER_GROUP: randomName('beneficiaries'),
        TEMPORAL_TASK_QUEUE: randomName('pathways'),
        ...(opts.pathways ? { PATHWAY_CATCH_UP_GRACE_SECONDS: String(opts.pathways.catchUpGraceSeconds) } : {}),
      }),
    );
    const beneficiaries = await createBeneficiariesApp(beneficiariesConfig, logger);
    apps.push(beneficiaries);
    const beneficiariesUrl = await listen(beneficiaries);
    // Trainings and stakeholders ask the beneficiaries service who people are, with tokens of their own.
    const peerEnv = async (service: string) => ({ BENEFICIARIES_URL: beneficiariesUrl, MEIC_SERVICE_TOKEN: await testServiceToken(service) });
    const stakeholders = await createStakeholdersApp(loadStakeholdersConfig(serviceTestEnv({ DATABASE_URL: sdb, KAFKA_CONSUMER_GROUP: randomName('stakeholders'), ...(await peerEnv('stakeholders')) })), logger);
    apps.push(stakeholders);
    const trainings = await createTrainingsApp(loadTrainingsConfig(serviceTestEnv({ DATABASE_URL: tdb, KAFKA_CONSUMER_GROUP: randomName('trainings'), ...(await peerEnv('trainings')) })), logger);
    apps.push(trainings);
    const stakeholdersUrl = await listen(stakeholders);
    const trainingsUrl = await listen(trainings);
    if (opts.pathways) {
      const database = openPathwayPorts(bdb, {
        temporal: { address: beneficiariesConfig.TEMPORAL_ADDRESS, namespace: beneficiariesConfig.TEMPORAL_NAMESPACE },
        peers: [
          { store: 'trainings', url: trainingsUrl },
          { store: 'stakeholders', url: stakeholdersUrl },
        ],
        token: await testServiceToken('pathway-worker').then((t) => () => t),
      });
      const { worker, connection } = await createPathwayWorker(beneficiariesConfig, database.ports);
      const running = worker.run();
      cleanups.push(async () => {
        worker.shutdown();
        await running;
        await connection.close();
        await database.close();
      });
    }
    let clickhouse: ClickHouseService | undefined;
    const analyticsClickHouse = (): ClickHouseService => {
      if (!clickhouse) throw new Error('the stack runs no analytics service (startStack({ analytics: true }))');
      return clickhouse;
    };
    const urls: ServiceUrls = {
      stakeholders: stakeholdersUrl,
      trainings: trainingsUrl,
      beneficiaries: beneficiariesUrl,
      analytics: 'http://127.0.0.1:9',
    };
    if (opts.analytics) {
      const dir = mkdtempSync(join(tmpdir(), 'meic-onboarding-chdb-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const analytics = await createAnalyticsApp(
        loadAnalyticsConfig(
          serviceTestEnv({
            CHDB_PATH: dir,
            CLICKHOUSE_DATABASE: 'meic_test',
            KAFKA_CONSUMER_GROUP: randomName('analytics'),
            INGEST_FLUSH_MS: '50',
            MEIC_MIN_CELL: String(opts.minCell ?? 5),
            ...(opts.exportPseudonymKey ? { EXPORT_PSEUDONYM_KEY: opts.exportPseudonymKey } : {}),
          }),
        ),
        logger,
      );
      apps.push(analytics);
      urls.analytics = await listen(analytics);
      clickhouse = analytics.get(ClickHouseService);
    }
    return {
      urls,
      databases: { stakeholders: sdb, trainings: tdb, beneficiaries: bdb },
      clickhouse: {
        rows: (query) => analyticsClickHouse().rows<Record<string, unknown>>(query),
        command: async (statement) => void (await analyticsClickHouse().client.command({ query: statement })),
        database: 'meic_test',
      },
      async client(as = {}) {
        const token = await signTestToken({ role: as.role ?? 'admin', sites: as.sites ?? [], ...(as.sub ? { sub: as.sub } : {}) });
        return new ApiClient({ urls, token, unavailableWaitMs: 10_000, referenceWaitMs: 20_000 });
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
