/**
 * The identity attacker of the disclosure audit: it knows the perturbation table (the method and
 * its parameters are public), so each published count narrows the true one to the counts that can
 * be published as it, and it knows every identity between true counts that the responses imply
 * (a total is the sum of its categories, a country the sum of its sites, enrolled = observed + not
 * yet observable, a period the sum of its trend buckets, …). It tightens every count's range over
 * all identities until nothing moves, and reports each count it can pin to one value.
 */
export interface Identity {
  /** parent = Σ children, for the true counts. */
  parent: string;
  children: readonly string[];
}

export interface Pinned {
  id: string;
  value: number;
}

export interface IdentityAttackResult {
  cells: number;
  identities: number;
  rounds: number;
  /** Counts pinned to a single value from 1 to minCell − 1: each one is a breach. */
  pinnedSmall: Pinned[];
  /** How many counts are pinned at all (0 or ≥ minCell pins disclose no small count). */
  pinned: number;
  /** Widths of the attacker's ranges, for cells whose range still holds a value from 1 to minCell − 1. */
  smallRangeWidths: number[];
}

export function identityAttack(published: ReadonlyMap<string, number>, identities: readonly Identity[], preimage: (value: number) => number[], minCell: number): IdentityAttackResult {
  const sets = new Map<string, number[]>();
  const lo = new Map<string, number>();
  const hi = new Map<string, number>();
  for (const [id, v] of published) {
    const s = preimage(v);
    sets.set(id, s);
    lo.set(id, Math.min(...s));
    hi.set(id, Math.max(...s));
  }
  const used = identities.filter((k) => published.has(k.parent) && k.children.every((c) => published.has(c)));
  const tighten = (id: string, l: number, h: number): boolean => {
    const set = (sets.get(id) ?? []).filter((x) => x >= l && x <= h);
    const [ol, oh] = [lo.get(id) as number, hi.get(id) as number];
    // An empty set would mean the published figures contradict the method: worth failing on.
    if (set.length === 0) throw new Error(`identity attack: no count of ${id} fits (range ${l}…${h}, published as ${published.get(id)})`);
    sets.set(id, set);
    lo.set(id, Math.min(...set));
    hi.set(id, Math.max(...set));
    return lo.get(id) !== ol || hi.get(id) !== oh;
  };
  let rounds = 0;
  for (let changed = true; changed && rounds < 50; rounds++) {
    changed = false;
    for (const k of used) {
      const sumLo = k.children.reduce((a, c) => a + (lo.get(c) as number), 0);
      const sumHi = k.children.reduce((a, c) => a + (hi.get(c) as number), 0);
      changed = tighten(k.parent, sumLo, sumHi) || changed;
      const pl = lo.get(k.parent) as number;
      const ph = hi.get(k.parent) as number;
      for (const c of k.children) {
        const othersLo = sumLo - (lo.get(c) as number);
        const othersHi = sumHi - (hi.get(c) as number);
        changed = tighten(c, pl - othersHi, ph - othersLo) || changed;
      }
    }
  }
  const pinnedSmall: Pinned[] = [];
  const smallRangeWidths: number[] = [];
  let pinned = 0;
  for (const [id, set] of sets) {
    if (set.length === 1) {
      pinned++;
      const v = set[0] as number;
      if (v > 0 && v < minCell) pinnedSmall.push({ id, value: v });
    } else if (set.some((x) => x > 0 && x < minCell)) {
      smallRangeWidths.push(Math.max(...set) - Math.min(...set));
    }
  }
  return { cells: published.size, identities: used.length, rounds, pinnedSmall, pinned, smallRangeWidths };
}

/** Published counts by id and the identities between them, gathered from responses. */
export class PublishedCounts {
  readonly values = new Map<string, number>();
  readonly identities: Identity[] = [];

  /** Records a count; a withheld one (null) is simply unknown to the attacker. */
  add(id: string, cell: { value: number | null; suppressed: boolean } | number | null | undefined): string {
    const v = typeof cell === 'number' ? cell : (cell?.value ?? null);
    if (v !== null && !(typeof cell === 'object' && cell?.suppressed)) this.values.set(id, v);
    return id;
  }

  sum(parent: string, children: readonly string[]): void {
    this.identities.push({ parent, children });
  }
}
