import highsLoader from 'highs';

/**
 * An attacker for tests, independent of the planner's own audit (another solver, HiGHS, and its
 * own model building), so that a bug in the planner's audit is not repeated here.
 *
 * The attacker knows every published value, every linear relation parent = Σ children, and that
 * a hidden entry is a whole number ≥ 1 (zeros are published). Entries and relations may come
 * from any number of API responses, so nothing here knows about sites or levels.
 */

export interface PublishedEntry {
  id: string;
  /** null = suppressed */
  value: number | null;
}

export interface LinearRelation {
  parent: string;
  children: string[];
}

export interface Recovered {
  id: string;
  min: number;
  max: number;
  value: number;
}

export interface AttackOptions {
  /** Solve over the integers (default) or only the LP relaxation, rounding its bounds inwards. */
  integer?: boolean;
}

type Highs = Awaited<ReturnType<typeof highsLoader>>;
let highs: Promise<Highs> | undefined;
const load = () => (highs ??= highsLoader());

const EPS = 1e-6;

/** Hidden entries the attacker can pin to a single whole number; [] = the publication is safe. */
export async function recoverHidden(published: readonly PublishedEntry[], constraints: readonly LinearRelation[], options: AttackOptions = {}): Promise<Recovered[]> {
  const integer = options.integer ?? true;
  const known = new Map<string, number | null>();
  for (const p of published) {
    const prev = known.get(p.id);
    // Two responses disagreeing on a value would be a bug worth failing on, not attacking around.
    if (prev !== undefined && p.value !== null && prev !== null && prev !== p.value) throw new Error(`recoverHidden: ${p.id} published as ${prev} and ${p.value}`);
    // A value published anywhere is known, even if another response hides it.
    if (prev === undefined || prev === null) known.set(p.id, p.value);
  }
  const hiddenIds = [...known].filter(([, v]) => v === null).map(([id]) => id);
  const varOf = new Map(hiddenIds.map((id, j) => [id, j]));

  // Each relation as Σ coef·x = rhs over hidden entries.
  const rows: { terms: Map<number, number>; rhs: number }[] = [];
  for (const k of constraints) {
    const terms = new Map<number, number>();
    let rhs = 0;
    const add = (id: string, coef: number) => {
      if (!known.has(id)) throw new Error(`recoverHidden: relation uses ${id}, which no response contains`);
      const j = varOf.get(id);
      if (j === undefined) rhs -= coef * (known.get(id) ?? 0);
      else terms.set(j, (terms.get(j) ?? 0) + coef);
    };
    add(k.parent, 1);
    k.children.forEach((c) => add(c, -1));
    for (const [j, c] of terms) if (c === 0) terms.delete(j);
    if (terms.size > 0) rows.push({ terms, rhs });
  }

  // Relations only link hidden entries of one connected component: solve components apart.
  const parent = hiddenIds.map((_, j) => j);
  const root = (j: number): number => {
    let r = j;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (const r of rows) {
    const [first, ...rest] = [...r.terms.keys()];
    if (first !== undefined) for (const j of rest) parent[root(j)] = root(first);
  }
  const components = new Map<number, number[]>();
  const constrained = new Set(rows.flatMap((r) => [...r.terms.keys()]));
  hiddenIds.forEach((_, j) => {
    if (!constrained.has(j)) return; // unconstrained: anything ≥ 1
    const r = root(j);
    components.set(r, [...(components.get(r) ?? []), j]);
  });

  const solver = await load();
  const out: Recovered[] = [];
  for (const vars of components.values()) {
    const inComp = new Set(vars);
    const compRows = rows.filter((r) => inComp.has(r.terms.keys().next().value ?? -1));
    const name = (j: number) => `x${j}`;
    const body = [
      'Subject To',
      ...compRows.map((r, i) => ` c${i}: ${lines([...r.terms].map(([j, c]) => `${c < 0 ? '-' : '+'} ${Math.abs(c)} ${name(j)}`))} = ${r.rhs}`),
      'Bounds',
      ...vars.map((j) => ` ${name(j)} >= 1`),
      ...(integer ? ['General', lines(vars.map(name))] : []),
      'End',
    ].join('\n');
    const lo = new Map<number, number>();
    const hi = new Map<number, number>();
    const observe = (cols: Record<string, { Primal?: number }>) =>
      vars.forEach((j) => {
        const v = cols[name(j)]?.Primal;
        if (v === undefined) return;
        lo.set(j, Math.min(lo.get(j) ?? Infinity, v));
        hi.set(j, Math.max(hi.get(j) ?? -Infinity, v));
      });
    const run = (sense: 'Minimize' | 'Maximize', j: number): number => {
      const s = solver.solve(`${sense}\n obj: ${name(j)}\n${body}`, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0 });
      if (s.Status === 'Optimal') {
        observe(s.Columns);
        return s.ObjectiveValue;
      }
      // Feasibility is established by the first minimisation (bounded below by 1), so these mean unbounded.
      if (sense === 'Maximize' && (s.Status === 'Unbounded' || s.Status === 'Primal infeasible or unbounded')) return Infinity;
      if (s.Status === 'Infeasible') throw new Error('recoverHidden: the published values contradict the relations');
      throw new Error(`recoverHidden: HiGHS ${s.Status}`);
    };
    // Two feasible points with two whole numbers between them already clear an entry; only the rest need their own solves.
    const cleared = (j: number) => Math.floor((hi.get(j) ?? -Infinity) + EPS) - Math.ceil((lo.get(j) ?? Infinity) - EPS) >= 1;
    for (const j of vars) {
      if (cleared(j)) continue;
      const min = run('Minimize', j);
      if (cleared(j)) continue;
      const max = run('Maximize', j);
      const a = Math.ceil(min - EPS);
      const b = Math.floor(max + EPS);
      if (a === b) out.push({ id: hiddenIds[j] ?? '', min, max, value: a });
    }
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** LP-format rows can be long; HiGHS reads terms across lines. */
function lines(terms: string[]): string {
  const out: string[] = [];
  for (let i = 0; i < terms.length; i += 20) out.push(terms.slice(i, i + 20).join(' '));
  return out.join('\n   ');
}
