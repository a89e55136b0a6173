import { lastDayOfMonth, releaseAsOf, releaseBlocks, type MonthCount } from './release-blocks';

const c = (month: string, n: number, series = 'enrolled_on', site = 'IT-RM'): MonthCount => ({ site, series, month, n });

describe('release blocks', () => {
  it('groups consecutive months until they hold the block size, and leaves the last block open', () => {
    const blocks = releaseBlocks([c('2025-01-01', 4), c('2025-02-01', 3), c('2025-04-01', 5), c('2025-05-01', 12), c('2025-06-01', 2)], 10);
    expect(blocks.closes.get('IT-RM|enrolled_on')).toEqual(['2025-04-01', '2025-05-01']);
    // January's facts go out with the block closing in April; June's are not released yet.
    expect(blocks.releasedOn('IT-RM', 'enrolled_on', '2025-01-17')).toBe('2025-04-30');
    expect(blocks.releasedOn('IT-RM', 'enrolled_on', '2025-03-02')).toBe('2025-04-30');
    expect(blocks.releasedOn('IT-RM', 'enrolled_on', '2025-05-31')).toBe('2025-05-31');
    expect(blocks.releasedOn('IT-RM', 'enrolled_on', '2025-06-03')).toBeNull();
    expect(blocks.completeThrough('IT-RM', 'enrolled_on', '2025-12-31')).toBe('2025-05-31');
    expect(blocks.completeThrough('IT-RM', 'enrolled_on', '2025-04-30')).toBe('2025-04-30');
  });

  it('keeps sites and kinds of fact apart, in any input order', () => {
    const blocks = releaseBlocks([c('2025-03-01', 6, 'placed_on'), c('2025-01-01', 6, 'placed_on'), c('2025-01-01', 30, 'enrolled_on', 'CY-NIC'), c('2025-02-01', 3, 'placed_on', 'CY-NIC')], 10);
    expect(blocks.closes.get('IT-RM|placed_on')).toEqual(['2025-03-01']);
    expect(blocks.closes.get('CY-NIC|enrolled_on')).toEqual(['2025-01-01']);
    expect(blocks.closes.get('CY-NIC|placed_on')).toEqual([]);
    expect(blocks.completeThrough('CY-NIC', 'placed_on', '2025-06-30')).toBe('2025-01-31');
    // Nothing ever happened: nothing is pending.
    expect(blocks.completeThrough('FR-LYO', 'placed_on', '2025-06-30')).toBe('2025-06-30');
  });

  it('does not move a closed block when facts arrive after it', () => {
    const before = releaseBlocks([c('2025-01-01', 7), c('2025-02-01', 5), c('2025-03-01', 4)], 10);
    const after = releaseBlocks([c('2025-01-01', 7), c('2025-02-01', 5), c('2025-03-01', 4), c('2025-04-01', 9)], 10);
    expect(before.closes.get('IT-RM|enrolled_on')).toEqual(['2025-02-01']);
    expect(after.closes.get('IT-RM|enrolled_on')).toEqual(['2025-02-01', '2025-04-01']);
  });

  it('gives protected readers the last month end passed by both the requested date and today', () => {
    expect(releaseAsOf('2026-12-07', '2026-12-07')).toBe('2026-11-30');
    expect(releaseAsOf('2026-11-30', '2026-12-07')).toBe('2026-11-30');
    expect(releaseAsOf('2099-01-01', '2026-12-07')).toBe('2026-11-30');
    expect(releaseAsOf('2025-03-15', '2026-12-07')).toBe('2025-02-28');
    expect(releaseAsOf('2024-03-01', '2026-12-07')).toBe('2024-02-29');
    expect(lastDayOfMonth('2024-02-01')).toBe('2024-02-29');
  });
});
