import { Client, Connection } from '@temporalio/client';

/**
 * One Temporal client per process, connected on first use (a service boots while Temporal is
 * still starting). Shared by everything in the process that starts, signals, queries or deletes
 * workflows, so the process holds one connection rather than one per use.
 */
export class LazyTemporalClient {
  private connected?: Promise<{ connection: Connection; client: Client }>;

  constructor(private readonly opts: { address: string; namespace: string }) {}

  get namespace(): string {
    return this.opts.namespace;
  }

  private connect(): Promise<{ connection: Connection; client: Client }> {
    this.connected ??= Connection.connect({ address: this.opts.address }).then((connection) => ({ connection, client: new Client({ connection, namespace: this.opts.namespace }) }));
    return this.connected;
  }

  async client(): Promise<Client> {
    return (await this.connect()).client;
  }

  async connection(): Promise<Connection> {
    return (await this.connect()).connection;
  }

  async close(): Promise<void> {
    if (this.connected) await (await this.connected).connection.close();
  }
}
