import 'reflect-metadata';
import { createServer } from 'node:http';
import { PrismaPg } from '@prisma/adapter-pg';
import { ConfigError } from '@meic/config';
import { createLogger } from '@meic/service-kit';
import { NativeConnection, Worker } from '@temporalio/worker';
import { loadPathwayWorkerConfig, type PathwayWorkerConfig } from './config';
import { PrismaClient } from './generated/prisma/client';
import { createPathwayActivities, type PathwayActivityPorts } from './pathway/pathway.activities';
import { PathwayRepository } from './pathway/pathway.repository';

/**
 * Creates the pathway worker: workflow code bundled from pathway.workflow, activities over the
 * given ports (the repository of the beneficiaries database in production, stubs in unit tests).
 * Shared by main and tests.
 */
export async function createPathwayWorker(
  config: Pick<PathwayWorkerConfig, 'TEMPORAL_ADDRESS' | 'TEMPORAL_NAMESPACE' | 'TEMPORAL_TASK_QUEUE'>,
  ports: PathwayActivityPorts,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  const worker = await Worker.create({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    workflowsPath: require.resolve('./pathway/pathway.workflow'),
    activities: createPathwayActivities(ports),
  });
  return { worker, connection };
}

/** The production ports: the pathway repository over its own client of the beneficiaries database. */
export function openPathwayPorts(databaseUrl: string): { ports: PathwayActivityPorts; close: () => Promise<void> } {
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  return { ports: new PathwayRepository(prisma), close: () => prisma.$disconnect() };
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
  const database = openPathwayPorts(config.DATABASE_URL);
  const { worker, connection } = await createPathwayWorker(config, database.ports);
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
