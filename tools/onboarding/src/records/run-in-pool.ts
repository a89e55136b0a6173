/**
 * Runs `work` over `items` with at most `size` at once, in order of `items`; once `stop()` says
 * so, no new item is taken (items in flight finish).
 */
export async function runInPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>, stop: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length && !stop()) {
      const item = items[next] as T;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, lane));
}
