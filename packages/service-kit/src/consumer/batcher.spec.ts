import { Batcher, nextOffset } from './batcher';

describe('Batcher', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const flushed = () => {
    const batches: number[][] = [];
    return { batches, flush: async (items: number[]) => void batches.push(items) };
  };

  it('flushes as soon as maxSize items wait, in batches of at most maxSize', async () => {
    const f = flushed();
    const b = new Batcher<number>({ maxSize: 3, maxWaitMs: 10_000, flush: f.flush });
    const first = b.add([1, 2]);
    const second = b.add([3, 4, 5, 6, 7]);
    await jest.advanceTimersByTimeAsync(0);
    expect(f.batches).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    await expect(first).resolves.toBeUndefined();
    expect(b.pending).toBe(1);
    let secondDone = false;
    void second.then(() => (secondDone = true));
    await jest.advanceTimersByTimeAsync(9_999);
    expect(secondDone).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(f.batches).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(secondDone).toBe(true);
  });

  it('flushes by time when fewer than maxSize items wait', async () => {
    const f = flushed();
    const b = new Batcher<number>({ maxSize: 100, maxWaitMs: 500, flush: f.flush });
    const done = b.add([1]);
    await jest.advanceTimersByTimeAsync(200);
    const later = b.add([2]);
    await jest.advanceTimersByTimeAsync(299);
    expect(f.batches).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(f.batches).toEqual([[1, 2]]);
    await expect(Promise.all([done, later])).resolves.toEqual([undefined, undefined]);
  });

  it('rejects every add with an item in a failed flush and drops their other items', async () => {
    let calls = 0;
    const stored: number[][] = [];
    const b = new Batcher<number>({
      maxSize: 2,
      maxWaitMs: 50,
      flush: async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('clickhouse down');
        stored.push(items);
      },
    });
    const failing = b.add([1, 2, 3]);
    const failingResult = failing.catch((e: Error) => e.message);
    const ok = b.add([4]);
    await jest.advanceTimersByTimeAsync(100);
    expect(await failingResult).toBe('clickhouse down');
    await expect(ok).resolves.toBeUndefined();
    expect(stored).toEqual([[4]]);
  });

  it('resolves an add only after all of its items were stored', async () => {
    const f = flushed();
    const b = new Batcher<number>({ maxSize: 2, maxWaitMs: 1000, flush: f.flush });
    let done = false;
    void b.add([1, 2, 3]).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(f.batches).toEqual([[1, 2]]);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1000);
    expect(done).toBe(true);
  });

  it('close rejects what waits and refuses more', async () => {
    const b = new Batcher<number>({ maxSize: 10, maxWaitMs: 1000, flush: async () => undefined });
    const waiting = b.add([1]);
    b.close();
    await expect(waiting).rejects.toThrow('closed');
    await expect(b.add([2])).rejects.toThrow('closed');
  });

  it('commits the offset after the last record of a batch, beyond 2^53', () => {
    expect(nextOffset('41')).toBe('42');
    expect(nextOffset('9007199254740993')).toBe('9007199254740994');
  });
});
