/**
 * Collects items from concurrent producers (one kafkajs `eachBatch` call per partition) and
 * hands them to `flush` in batches of at most `maxSize`, as soon as `maxSize` items are waiting
 * or the oldest waiting item is `maxWaitMs` old. `add` resolves once every item it added has
 * been flushed (stored), and rejects if a flush holding one of them failed: the caller commits
 * its offsets only after `add` resolved. One flush runs at a time, in arrival order.
 */
export interface BatcherOptions<T> {
  maxSize: number;
  maxWaitMs: number;
  flush: (items: T[]) => Promise<void>;
}

interface Ticket {
  remaining: number;
  settled: boolean;
  resolve: () => void;
  reject: (e: unknown) => void;
}

interface Entry<T> {
  item: T;
  ticket: Ticket;
  addedAt: number;
}

export class Batcher<T> {
  private buffer: Entry<T>[] = [];
  private flushing = false;
  private timer?: ReturnType<typeof setTimeout>;
  private closed = false;

  constructor(private readonly opts: BatcherOptions<T>) {
    if (!(opts.maxSize >= 1)) throw new Error('maxSize must be at least 1');
    if (!(opts.maxWaitMs >= 0)) throw new Error('maxWaitMs must not be negative');
  }

  /** Items waiting for a flush. */
  get pending(): number {
    return this.buffer.length;
  }

  add(items: readonly T[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('batcher is closed'));
    if (items.length === 0) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const ticket: Ticket = { remaining: items.length, settled: false, resolve, reject };
      const addedAt = Date.now();
      for (const item of items) this.buffer.push({ item, ticket, addedAt });
      this.pump();
    });
  }

  /** Flushes everything waiting now (e.g. on shutdown), regardless of size and age. */
  async drain(): Promise<void> {
    while (this.buffer.length > 0 || this.flushing) {
      if (!this.flushing) void this.run(true);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Rejects what is waiting and refuses new items (their offsets stay uncommitted). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const waiting = this.buffer;
    this.buffer = [];
    for (const e of waiting) this.fail(e.ticket, new Error('batcher closed before the items were stored'));
  }

  private due(now: number): boolean {
    const oldest = this.buffer[0];
    return this.buffer.length >= this.opts.maxSize || (oldest !== undefined && now - oldest.addedAt >= this.opts.maxWaitMs);
  }

  private pump(): void {
    if (this.flushing) return;
    if (this.due(Date.now())) {
      void this.run(false);
      return;
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer || this.buffer.length === 0 || this.closed) return;
    const oldest = this.buffer[0]!;
    const wait = Math.max(0, oldest.addedAt + this.opts.maxWaitMs - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, wait);
  }

  private async run(force: boolean): Promise<void> {
    if (this.flushing) return;
    this.flushing = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    try {
      while (this.buffer.length > 0 && (force || this.due(Date.now()))) {
        const taken = this.buffer.splice(0, this.opts.maxSize);
        try {
          await this.opts.flush(taken.map((e) => e.item));
        } catch (err) {
          // Everyone with an item in this batch fails; their other items need not be stored either.
          const failed = new Set(taken.map((e) => e.ticket));
          this.buffer = this.buffer.filter((e) => !failed.has(e.ticket));
          for (const t of failed) this.fail(t, err);
          continue;
        }
        for (const e of taken) {
          e.ticket.remaining -= 1;
          if (e.ticket.remaining === 0 && !e.ticket.settled) {
            e.ticket.settled = true;
            e.ticket.resolve();
          }
        }
      }
    } finally {
      this.flushing = false;
      this.arm();
    }
  }

  private fail(ticket: Ticket, err: unknown): void {
    if (ticket.settled) return;
    ticket.settled = true;
    ticket.reject(err);
  }
}

/** The offset to commit after a partition batch whose last record is `lastOffset`: the next one to read. */
export function nextOffset(lastOffset: string): string {
  return (BigInt(lastOffset) + 1n).toString();
}
