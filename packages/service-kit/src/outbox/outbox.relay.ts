import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { Client, Pool } from 'pg';
import { Counter, Gauge, type Registry } from 'prom-client';

export interface OutboxRelayOptions {
  databaseUrl: string;
  kafka: Kafka;
  logger: Logger;
  registry: Registry;
  /** Fallback poll when a notification is missed (e.g. the LISTEN connection was down). */
  pollIntervalMs?: number;
  batchSize?: number;
  /** Published rows are kept this long for inspection, then deleted. */
  retentionHours?: number;
}

interface Row {
  id: string;
  topic: string;
  message_key: string;
  headers: Record<string, string>;
  value: string;
  created_at: Date;
}

// One relay per database publishes at a time, so a key's events leave in commit order.
const LEADER_LOCK = 727_002;

/**
 * Publishes committed outbox rows to Kafka, at least once, in insertion order. Woken by
 * LISTEN/NOTIFY from the insert trigger; polls as a fallback. A row is marked published only
 * after Kafka acknowledged it (acks=all, idempotent producer).
 */
export class OutboxRelay {
  private readonly pool: Pool;
  private producer?: Producer;
  private listener?: Client;
  private leader?: Client;
  private timer?: NodeJS.Timeout;
  private draining: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastCleanup = 0;
  private readonly published: Counter;
  private readonly pending: Gauge;
  private readonly lag: Gauge;

  constructor(private readonly opts: OutboxRelayOptions) {
    this.pool = new Pool({ connectionString: opts.databaseUrl, max: 2 });
    // An idle connection the server closes (restart, shutdown) must not crash the service.
    this.pool.on('error', (e) => opts.logger.warn({ err: e.message }, 'outbox pool connection lost'));
    this.published = new Counter({ name: 'outbox_published_total', help: 'Outbox events published to Kafka', registers: [opts.registry] });
    this.lag = new Gauge({ name: 'outbox_publish_lag_seconds', help: 'Commit-to-publish delay of the last published batch', registers: [opts.registry] });
    const pool = this.pool;
    this.pending = new Gauge({
      name: 'outbox_pending',
      help: 'Outbox events committed but not yet published',
      registers: [opts.registry],
      async collect() {
        const r = await pool.query<{ n: string }>('SELECT count(*) AS n FROM outbox_events WHERE published_at IS NULL').catch(() => null);
        if (r?.rows[0]) this.set(Number(r.rows[0].n));
      },
    });
  }

  async start(): Promise<void> {
    this.producer = this.opts.kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await this.producer.connect();
    const listener = new Client({ connectionString: this.opts.databaseUrl });
    listener.on('notification', () => this.kick());
    listener.on('error', (e) => this.opts.logger.warn({ err: e.message }, 'outbox listener connection error; polling continues'));
    this.listener = listener;
    await listener.connect();
    await listener.query('LISTEN meic_outbox');
    // stop() may have run while we connected; it could not close what did not exist yet.
    if (this.stopped) return this.stop();
    this.timer = setInterval(() => this.kick(), this.opts.pollIntervalMs ?? 1000);
    this.kick();
  }

  /** Resolves once every row committed before the call has been published (used by tests and shutdown). */
  async flush(): Promise<void> {
    this.kick();
    while (this.draining) await this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    while (this.draining) await this.draining;
    await this.listener?.end().catch(() => undefined);
    await this.leader?.end().catch(() => undefined);
    this.leader = undefined;
    await this.producer?.disconnect().catch(() => undefined);
    await this.pool.end().catch(() => undefined);
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.draining) {
      this.again = true;
      return;
    }
    this.draining = this.drainLoop()
      .catch((e: Error) => {
        if (!this.stopped) this.opts.logger.error({ err: e.message }, 'outbox relay failed; will retry');
      })
      .finally(() => {
        this.draining = null;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** The connection holding the leader lock; a lost one is replaced on the next drain (its lock went with it). */
  private async leaderConnection(): Promise<Client> {
    if (this.leader) return this.leader;
    const leader = new Client({ connectionString: this.opts.databaseUrl });
    leader.on('error', (e) => {
      this.opts.logger.warn({ err: e.message }, 'outbox leader connection lost; reconnecting on the next poll');
      if (this.leader === leader) this.leader = undefined;
    });
    leader.on('end', () => {
      if (this.leader === leader) this.leader = undefined;
    });
    await leader.connect();
    if (this.stopped) {
      await leader.end().catch(() => undefined);
      throw new Error('outbox relay stopped');
    }
    this.leader = leader;
    return leader;
  }

  private async drainLoop(): Promise<void> {
    const leader = await this.leaderConnection();
    const { rows } = await leader.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LEADER_LOCK]);
    if (!rows[0]?.ok) return; // another instance is the relay
    try {
      while (!this.stopped && (await this.publishBatch()) > 0) {
        /* keep going until empty */
      }
      await this.cleanup();
    } finally {
      await leader.query('SELECT pg_advisory_unlock($1)', [LEADER_LOCK]);
    }
  }

  private async publishBatch(): Promise<number> {
    const producer = this.producer;
    if (!producer) return 0;
    const { rows } = await this.pool.query<Row>(
      'SELECT id, topic, message_key, headers, value, created_at FROM outbox_events WHERE published_at IS NULL ORDER BY id LIMIT $1',
      [this.opts.batchSize ?? 500],
    );
    if (rows.length === 0) return 0;
    const byTopic = new Map<string, { key: string; value: string; headers: Record<string, string> }[]>();
    for (const r of rows) {
      const list = byTopic.get(r.topic) ?? [];
      list.push({ key: r.message_key, value: r.value, headers: r.headers });
      byTopic.set(r.topic, list);
    }
    await producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
    await this.pool.query('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
    this.published.inc(rows.length);
    const oldest = rows[0]?.created_at;
    if (oldest) this.lag.set((Date.now() - oldest.getTime()) / 1000);
    return rows.length;
  }

  private async cleanup(): Promise<void> {
    if (Date.now() - this.lastCleanup < 3_600_000) return;
    this.lastCleanup = Date.now();
    await this.pool.query(`DELETE FROM outbox_events WHERE published_at < now() - make_interval(hours => $1)`, [this.opts.retentionHours ?? 168]);
  }
}
