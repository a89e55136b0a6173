import { execFile } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';

const exec = promisify(execFile);

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the integration project's global setup (infra/jest) did not run`);
  return value;
}

/**
 * The test stack the jest global setup starts, checked through independent clients: kcat,
 * the temporal CLI and a plain pg connection. If this fails, every other integration test
 * would fail for the same reason — start reading here.
 */
describe('test infrastructure (infra/jest/global-setup.cjs)', () => {
  const brokers = env('MEIC_TEST_KAFKA_BROKERS');
  const temporalAddress = env('MEIC_TEST_TEMPORAL_ADDRESS');
  const namespace = env('MEIC_TEST_TEMPORAL_NAMESPACE');
  const temporal = env('MEIC_TEST_TEMPORAL_CLI');
  const kcat = env('MEIC_TEST_KCAT');

  it('runs a Kafka broker that kcat and kafkajs both see, with working topics and headers', async () => {
    const topic = `infra-check-${process.pid}-${Date.now()}`;
    const admin = new Kafka({ clientId: 'infra-check', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const { stdout: metadata } = await exec(kcat, ['-b', brokers, '-L', '-J']);
      const topics = (JSON.parse(metadata) as { topics: { topic: string }[] }).topics.map((t) => t.topic);
      expect(topics).toContain(topic);

      await exec('sh', ['-c', `printf 'k1:{"ok":true}\\n' | "${kcat}" -b "${brokers}" -P -t "${topic}" -K: -H ce_type=meic.check.v1`]);
      const { stdout: consumed } = await exec(kcat, ['-b', brokers, '-C', '-t', topic, '-o', 'beginning', '-c', '1', '-e', '-f', '%k|%h|%s']);
      expect(consumed.trim()).toBe('k1|ce_type=meic.check.v1|{"ok":true}');
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('does not create topics on first use (auto.create.topics.enable=false)', async () => {
    const topic = `infra-never-created-${Date.now()}`;
    const admin = new Kafka({ clientId: 'infra-check', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      await expect(admin.fetchTopicMetadata({ topics: [topic] })).rejects.toThrow();
      expect(await admin.listTopics()).not.toContain(topic);
    } finally {
      await admin.disconnect();
    }
  });

  it('runs a Temporal server with the meic namespace and its search attributes', async () => {
    const client = ['--address', temporalAddress, '--disable-config-file', '--disable-config-env'];
    const { stdout: health } = await exec(temporal, ['operator', 'cluster', 'health', ...client]);
    expect(health).toContain('SERVING');

    const { stdout: described } = await exec(temporal, ['operator', 'namespace', 'describe', '--namespace', namespace, ...client, '-o', 'json']);
    expect(JSON.parse(described).namespaceInfo.name).toBe(namespace);

    const { stdout: attributes } = await exec(temporal, ['operator', 'search-attribute', 'list', '--namespace', namespace, ...client, '-o', 'json']);
    expect(JSON.parse(attributes).customAttributes).toMatchObject({
      SiteCode: 'INDEXED_VALUE_TYPE_KEYWORD',
      PathwayStage: 'INDEXED_VALUE_TYPE_KEYWORD',
    });
  });

  it('runs PostgreSQL 17 where the meic role can create and drop a database', async () => {
    const adminUrl = env('MEIC_TEST_PG_ADMIN_URL');
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    const database = `infra_check_${process.pid}_${Date.now()}`;
    try {
      const { rows } = await admin.query<{ user: string; version: string }>(
        "SELECT current_user AS user, current_setting('server_version_num') AS version",
      );
      expect(rows[0]).toMatchObject({ user: 'meic' });
      expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(170000);

      await admin.query(`CREATE DATABASE ${database}`);
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const client = new Client({ connectionString: url.toString() });
      await client.connect();
      await client.query('CREATE TABLE t (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), name text)');
      await client.query("INSERT INTO t (name) VALUES ('Zoë')");
      const { rows: names } = await client.query<{ upper: string }>('SELECT upper(name) AS upper FROM t');
      expect(names[0]?.upper).toBe('ZOË');
      await client.end();

      const { rows: services } = await admin.query<{ datname: string }>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'meic\\_%' ORDER BY 1",
      );
      expect(services.map((r) => r.datname)).toEqual(['meic_beneficiaries', 'meic_stakeholders', 'meic_trainings']);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  });

  it('provides a JWT key pair, kcat, the temporal CLI and the time-skipping test server wrapper', () => {
    expect(readFileSync(env('MEIC_TEST_JWT_PRIVATE_KEY_FILE'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(readFileSync(env('MEIC_TEST_JWT_PUBLIC_KEY_FILE'), 'utf8')).toContain('BEGIN PUBLIC KEY');
    for (const executable of [kcat, temporal, env('MEIC_TEST_TEMPORAL_TEST_SERVER')]) {
      expect(() => accessSync(executable, constants.X_OK)).not.toThrow();
    }
    expect(readFileSync(env('MEIC_TEST_TEMPORAL_TEST_SERVER'), 'utf8')).toContain('io.temporal.testserver.TestServer');
  });
});
