import 'reflect-metadata';
import { createServer } from 'node:http';
import { PrismaPg } from '@prisma/adapter-pg';
import { ConfigError } from '@meic/config';
import { createLogger, serviceTokenOf } from '@meic/service-kit';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadPathwayWorkerConfig, type PathwayWorkerConfig } from './config';
import { createDataExportActivities, type DataExportPorts } from './data-export/data-export.activities';
import { DataExportRepository } from './data-export/data-export.repository';
import { DataExportSteps } from './data-export/data-export.steps';
import { createErasureActivities, type ErasurePorts } from './erasure/erasure.activities';
import { ErasureRepository } from './erasure/erasure.repository';
import { ErasureSteps, type ErasurePeer } from './erasure/erasure.steps';
import { PrismaClient } from './generated/prisma/client';
import { createPathwayActivities, type PathwayActivityPorts } from './pathway/pathway.activities';
import { PathwayRepository } from './pathway/pathway.repository';
import { LazyTemporalClient } from './pathway/temporal-client';
import { createRetentionActivities, type RetentionPorts } from './retention/retention.activities';
import { RetentionRepository } from './retention/retention.repository';
import { ensureRetentionSchedule } from './retention/retention.schedule';
import { RetentionService } from './retention/retention.service';
import { SitesRepository } from './sites/sites.repository';
import { SitesService } from './sites/sites.service';

export type WorkerPorts = PathwayActivityPorts & { erasure?: ErasurePorts; dataExport?: DataExportPorts; retention?: RetentionPorts };

/**
 * Creates the worker of the service's workflows (bundled from workflows.ts): pathways and
 * erasures, with activities over the given ports (the beneficiaries database, Temporal and the
 * other services in production, stubs in unit tests). Shared by main and tests.
 */
export async function createPathwayWorker(
  config: Pick<PathwayWorkerConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>,
  ports: WorkerPorts,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('./workflows'),
    activities: {
      ...createPathwayActivities(ports),
      ...(ports.erasure ? createErasureActivities(ports.erasure) : {}),
      ...(ports.dataExport ? createDataExportActivities(ports.dataExport) : {}),
      ...(ports.retention ? createRetentionActivities(ports.retention) : {}),
    },
  });
  return { worker, connection };
}

/**
 * The production ports over their own client of the beneficiaries database: the pathway
 * repository, and the erasure and data-export steps when the worker is told where Temporal and
 * the other services are.
 */
export function openPathwayPorts(
  databaseUrl: string,
  erasure?: { temporal: { address: string; namespace: string }; peers: readonly ErasurePeer[]; token: () => string },
): { ports: WorkerPorts; temporal?: LazyTemporalClient; close: () => Promise<void> } {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  const pathways = new PathwayRepository(prisma);
  // One Temporal client for both kinds of steps (the worker's own connection is a native one).
  const temporal = erasure ? new LazyTemporalClient(erasure.temporal) : undefined;
  const peers = erasure && temporal ? { ...erasure, temporal } : undefined;
  const erasures = new ErasureRepository(prisma);
  const steps = peers ? new ErasureSteps(erasures, peers) : undefined;
  const exports = peers ? new DataExportSteps(new DataExportRepository(prisma), peers) : undefined;
  const retention = new RetentionService(new RetentionRepository(prisma), new SitesService(new SitesRepository(prisma)), erasures);
  const ports: WorkerPorts = {
    recordStageChange: pathways.recordStageChange.bind(pathways),
    raiseTask: pathways.raiseTask.bind(pathways),
    retention: { sweep: (asOf, limit) => retention.sweep(asOf, limit) },
    ...(steps ? { erasure: steps } : {}),
    ...(exports ? { dataExport: exports } : {}),
  };
  return {
    ports,
    ...(temporal ? { temporal } : {}),
    close: async () => {
      await temporal?.close();
      await prisma.$disconnect();
    },
  };
}

/** Where the erasure finds the other services, from the worker's configuration. */
export function erasurePeersOf(config: Pick<PathwayWorkerConfig, 'TRAININGS_URL' | 'STAKEHOLDERS_URL'>): ErasurePeer[] {
  return [
    ...(config.TRAININGS_URL ? [{ store: 'trainings' as const, url: config.TRAININGS_URL }] : []),
    ...(config.STAKEHOLDERS_URL ? [{ store: 'stakeholders' as const, url: config.STAKEHOLDERS_URL }] : []),
  ];
}

async function main(): Promise<void> {
  let config: PathwayWorkerConfig;
  try {
    config = loadPathwayWorkerConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const logger = createLogger('pathway-worker', config.LOG_LEVEL);
  const peers = erasurePeersOf(config);
  if (peers.length < 2) logger.warn({ peers: peers.map((p) => p.store) }, 'erasures will not reach the services without a URL here (TRAININGS_URL, STAKEHOLDERS_URL)');
  const database = openPathwayPorts(config.DATABASE_URL, {
    temporal: { address: config.TEMPORAL_ADDRESS, namespace: config.TEMPORAL_NAMESPACE },
    peers,
    token: peers.length > 0 ? serviceTokenOf(config) : () => '',
  });
  const { worker, connection } = await createPathwayWorker(config, database.ports);
  if (database.temporal) {
    const created = await ensureRetentionSchedule(await database.temporal.client(), config.TEMPORAL_TASK_QUEUE);
    if (created) logger.info('retention schedule created (daily at 02:30 UTC)');
  }
  // The worker has no HTTP API; this tiny server lets the supervisor and orchestrators probe it.
  const health = createServer((req, res) => {
    const running = worker.getState() === 'RUNNING';
    if (req.url === '/healthz') res.writeHead(200).end('{"status":"ok"}');
    else if (req.url === '/readyz') res.writeHead(running ? 200 : 503).end(JSON.stringify({ status: running ? 'ready' : worker.getState() }));
    else res.writeHead(404).end();
  });
  health.listen(config.HEALTH_PORT, config.HOST);
  const stop = () => worker.shutdown();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  logger.info({ taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE }, 'pathway worker running');
  try {
    await worker.run();
  } finally {
    health.close();
    await connection.close();
    await database.close();
    logger.info('pathway worker stopped');
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`pathway worker failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  });
}
