// @ts-check
/** A single-node KRaft Kafka broker run from the jars provisioned by Maven. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';
import { REPO_ROOT } from './settings.mjs';

const LOG4J_CONFIG = path.join(REPO_ROOT, 'infra', 'kafka', 'log4j2.properties');

/**
 * @param {{ port: number, controllerPort: number, dataDir: string }} options
 */
export function kafkaProperties({ port, controllerPort, dataDir }) {
  const listeners = `PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`;
  const properties = {
    'process.roles': 'broker,controller',
    'node.id': 1,
    'controller.quorum.bootstrap.servers': `127.0.0.1:${controllerPort}`,
    listeners,
    'advertised.listeners': listeners,
    'inter.broker.listener.name': 'PLAINTEXT',
    'controller.listener.names': 'CONTROLLER',
    'listener.security.protocol.map': 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    'log.dirs': dataDir,
    // Topics are declared by the services, never created by a typo in a consumer.
    'auto.create.topics.enable': false,
    'num.partitions': 6,
    // One node: every replication factor and minimum ISR is 1.
    'default.replication.factor': 1,
    'min.insync.replicas': 1,
    'offsets.topic.replication.factor': 1,
    'transaction.state.log.replication.factor': 1,
    'transaction.state.log.min.isr': 1,
    'share.coordinator.state.topic.replication.factor': 1,
    'share.coordinator.state.topic.min.isr': 1,
    // Consumers in tests join one at a time; waiting 3 s for more members only slows them.
    'group.initial.rebalance.delay.ms': 0,
  };
  return `${Object.entries(properties)
    .map(([key, value]) => `${key}=${value}`)
    .join('\n')}\n`;
}

/**
 * Writes the configuration and formats the storage once. Returns false when it was formatted.
 * @param {{ libsDir: string, configFile: string, dataDir: string, port: number, controllerPort: number }} options
 */
export async function prepareKafka({ libsDir, configFile, dataDir, port, controllerPort }) {
  await fs.mkdir(dataDir, { recursive: true });
  await fs.writeFile(configFile, kafkaProperties({ port, controllerPort, dataDir }));
  if (existsSync(path.join(dataDir, 'meta.properties'))) return false;
  await run('java', ['-cp', classpath(libsDir), 'kafka.tools.StorageTool', 'format', '--standalone', '-t', clusterId(), '-c', configFile]);
  return true;
}

/**
 * What `StorageTool random-uuid` prints, without starting a JVM for it: 16 random bytes in
 * base64url, avoiding the two reserved ids and a leading dash as Kafka's Uuid.randomUuid does.
 */
function clusterId() {
  for (;;) {
    const bytes = randomBytes(16);
    const id = bytes.toString('base64url');
    const reserved = bytes.readBigUInt64BE(0) === 0n && bytes.readBigUInt64BE(8) <= 1n;
    if (!reserved && !id.startsWith('-')) return id;
  }
}

/**
 * @param {{ libsDir: string, configFile: string, port: number }} options
 * @returns {import('./supervisor.mjs').ProcessSpec}
 */
export function kafkaSpec({ libsDir, configFile, port }) {
  return {
    name: 'kafka',
    command: 'java',
    args: [
      '-Xms256m',
      '-Xmx1g',
      '-XX:+UseG1GC',
      '-Djava.awt.headless=true',
      `-Dlog4j2.configurationFile=${LOG4J_CONFIG}`,
      '-cp',
      classpath(libsDir),
      'kafka.Kafka',
      configFile,
    ],
    ready: [
      { log: /Kafka Server started/ },
      {
        check: () => coordinatorsReady(port),
        description: 'the group and transaction coordinators (kafkajs admin + transactional producer)',
      },
    ],
    readyTimeoutMs: 90_000,
  };
}

/**
 * The port opens and the log says "started" before the group coordinator has loaded its
 * partitions; clients then get "coordinator is loading". Ready means a client can describe a
 * group and open a transaction.
 * @param {number} port
 */
export async function coordinatorsReady(port) {
  const kafkajs = await import('kafkajs');
  const { Kafka, logLevel } = kafkajs.default ?? kafkajs;
  const kafka = new Kafka({
    clientId: 'meic-readiness',
    brokers: [`127.0.0.1:${port}`],
    logLevel: logLevel.NOTHING,
    retry: { retries: 0 },
    connectionTimeout: 1_000,
    requestTimeout: 5_000,
  });
  const admin = kafka.admin();
  const producer = kafka.producer({
    transactionalId: 'meic-readiness',
    idempotent: true,
    maxInFlightRequests: 1,
    // kafkajs refuses an idempotent producer without retries.
    retry: { retries: 1, initialRetryTime: 100, maxRetryTime: 200 },
  });
  try {
    await admin.connect();
    await admin.fetchTopicMetadata();
    await admin.describeGroups(['meic-readiness']);
    await producer.connect();
    const transaction = await producer.transaction();
    await transaction.abort();
  } finally {
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  }
}

/** @param {string} libsDir */
function classpath(libsDir) {
  // Java expands the wildcard itself; no shell is involved.
  return path.join(libsDir, '*');
}
