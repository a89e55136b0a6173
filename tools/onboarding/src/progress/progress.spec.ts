import { captured } from '../testing/cli-capture';
import { createProgress } from './progress';

const linesOf = (total: number, steps: number[]) => {
  const out = captured();
  const p = createProgress('importing', total, out.stream, false);
  for (const by of steps) p.increment(by);
  p.stop();
  return out.text().trim().split('\n').map((l) => l.replace(/, \d+ s\)$/, ')'));
};

describe('progress on a pipe', () => {
  it('prints a line at each tenth of the way and one at the end, never the same count twice', () => {
    expect(linesOf(100, Array(100).fill(1))).toEqual([...[10, 20, 30, 40, 50, 60, 70, 80, 90].map((n) => `importing: ${n}/100 (${n}%)`), 'importing: 100/100 (100%)']);
    expect(linesOf(3, [1, 1, 1])).toEqual(['importing: 1/3 (33%)', 'importing: 2/3 (66%)', 'importing: 3/3 (100%)']);
    expect(linesOf(0, [])).toEqual(['importing: 0/0 (100%)']);
  });
});
