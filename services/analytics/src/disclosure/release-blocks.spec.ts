import { lastDayOfMonth, releaseAsOf, releaseBlocks, releasedOn, releasedThrough, type MonthCount } from './release-blocks';

const c = (month: string, n: number, series = 'enrolled_on', site = 'IT-RM'): MonthCount => ({ site, series, month, n });

describe('release blocks', () => {
  it('groups consecutive months until they hold the block size, and leaves the last block open', () => {
    const blocks = releaseBlocks([c('2025-01-01', 4), c('2025-02-01', 3), c('2025-04-01', 5), c('2025-05-01', 12), c('2025-06-01', 2)], 10);
    expect(blocks.get('IT-RM|enrolled_on')).toEqual(['2025-04-01', '2025-05-01']);
    // January's facts go out with the block closing in April; June's are not released yet.
    expect(releasedOn(blocks, 'IT-RM', 'enrolled_on', '2025-01-17')).toBe('2025-04-30');
    expect(releasedOn(blocks, 'IT-RM', 'enrolled_on', '2025-03-02')).toBe('2025-04-30');
    expect(releasedOn(blocks, 'IT-RM', 'enrolled_on', '2025-05-31')).toBe('2025-05-31');
    expect(releasedOn(blocks, 'IT-RM', 'enrolled_on', '2025-06-03')).toBeNull();
    expect(releasedThrough(blocks, 'IT-RM', 'enrolled_on')).toBe('2025-05-31');
  });

  it('keeps sites and kinds of fact apart, in any input order', () => {
    const blocks = releaseBlocks([c('2025-03-01', 6, 'placed_on'), c('2025-01-01', 6, 'placed_on'), c('2025-01-01', 30, 'enrolled_on', 'CY-NIC'), c('2025-02-01', 3, 'placed_on', 'CY-NIC')], 10);
    expect(blocks.get('IT-RM|placed_on')).toEqual(['2025-03-01']);
    expect(blocks.get('CY-NIC|enrolled_on')).toEqual(['2025-01-01']);
    expect(blocks.get('CY-NIC|placed_on')).toEqual([]);
    expect(releasedThrough(blocks, 'CY-NIC', 'placed_on')).toBeNull();
    expect(releasedThrough(blocks, 'FR-LYO', 'placed_on')).toBeNull();
  });

  it('does not move a closed block when facts arrive after it', () => {
    const before = releaseBlocks([c('2025-01-01', 7), c('2025-02-01', 5), c('2025-03-01', 4)], 10);
    const after = releaseBlocks([c('2025-01-01', 7), c('2025-02-01', 5), c('2025-03-01', 4), c('2025-04-01', 9)], 10);
    expect(before.get('IT-RM|enrolled_on')).toEqual(['2025-02-01']);
    expect(after.get('IT-RM|enrolled_on')).toEqual(['2025-02-01', '2025-04-01']);
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
