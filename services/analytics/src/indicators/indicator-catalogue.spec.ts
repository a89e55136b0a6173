import { categorySql, SqlBuilder, type Categorisation, type Condition } from '../kpis/measures';
import { CatalogueError, DEFAULT_CATALOGUE, loadCatalogue, parseCatalogue, ratesOf, type IndicatorDef } from './indicator-catalogue';

/** Every condition an indicator is made of. */
function conditionsOf(def: IndicatorDef): Condition[] {
  switch (def.kind) {
    case 'count':
      return [def.condition as Condition, ...(def.of ?? []).flatMap((o) => ('condition' in o ? [o.condition as Condition] : []))];
    case 'rate':
      return ratesOf(def).flatMap((r) => [r.numerator, r.denominator]);
    case 'median_days':
      return [def.cohort as Condition];
    case 'organisations':
    case 'contributions':
      return [];
  }
}

const entry = (body: string) => `indicators:\n${body}`;
const titles = '    title: {en: T, it: T, el: T}\n    description: {en: D}\n    unit: participants\n';

function problemOf(text: string): string {
  try {
    parseCatalogue(text, 'deploy/indicators.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogueError);
    return (e as Error).message;
  }
  throw new Error('the catalogue was accepted');
}

describe('the default indicator catalogue', () => {
  const catalogue = loadCatalogue(DEFAULT_CATALOGUE);

  it('validates and holds MEIC-01 to MEIC-15 in order', () => {
    expect(catalogue.indicators.map((d) => d.code)).toEqual(Array.from({ length: 15 }, (_, i) => `MEIC-${String(i + 1).padStart(2, '0')}`));
  });

  it('titles and describes every indicator in English, Italian and Greek, and the Greek is Greek', () => {
    for (const d of catalogue.indicators) {
      expect(d.title.en).not.toBe(d.title.it);
      expect(d.title.el).toMatch(/[\u0370-\u03ff]/);
      // The definitions panel shows the description in the dashboard's language when there is one.
      expect({ code: d.code, it: d.description.it !== undefined && d.description.it !== d.description.en }).toEqual({ code: d.code, it: true });
      expect({ code: d.code, el: /[\u0370-\u03ff]/.test(d.description.el ?? '') }).toEqual({ code: d.code, el: true });
    }
  });

  it('compiles every condition of every indicator to SQL', () => {
    let compiled = 0;
    for (const d of catalogue.indicators) {
      for (const c of conditionsOf(d)) {
        const b = new SqlBuilder();
        expect(() => b.condition(c)).not.toThrow();
        compiled++;
      }
    }
    // counts MEIC-01, -02, -03, -05, -06, -07, -08, -13: 8 × 1 (sub-counts of MEIC-01 and -08 are
    // categories, below); rates MEIC-04, -11, -12: 3 × 2; MEIC-09: 2 rates × 2 = 4; median MEIC-10: 1
    // → 8 + 6 + 4 + 1 = 19
    expect(compiled).toBe(19);
  });

  it('takes sub-counts by category from one breakdown: women of MEIC-01, the contracts of MEIC-08', () => {
    const categorised = catalogue.indicators.flatMap((d) => (d.kind === 'count' ? (d.of ?? []).flatMap((o) => ('category' in o ? [[d.code, o.category.by, o.category.value]] : [])) : []));
    expect(categorised).toEqual([
      ['MEIC-01', 'sex', 'female'],
      ['MEIC-08', 'firstContractType', 'permanent'],
      ['MEIC-08', 'firstContractType', 'fixed_term'],
      ['MEIC-08', 'firstContractType', 'self_employment'],
    ]);
    for (const [, by] of categorised) expect(() => categorySql({ by } as Categorisation, new SqlBuilder())).not.toThrow();
  });

  it('has the two cohort rates of MEIC-09 with observable denominators', () => {
    const meic09 = catalogue.indicators[8] as Extract<IndicatorDef, { kind: 'rate' }>;
    expect(ratesOf(meic09).map((r) => [r.key, r.denominator])).toEqual([
      ['within6', { all: [{ step: 'enrolled' }, { observable: { months: 6 } }] }],
      ['within12', { all: [{ step: 'enrolled' }, { observable: { months: 12 } }] }],
    ]);
  });
});

describe('a bad catalogue', () => {
  it('names the file, the indicator and the step that does not exist', () => {
    const message = problemOf(entry(`  - code: X-1\n${titles}    kind: count\n    condition: {all: [{step: enrolled}, {step: hired}]}\n`));
    expect(message).toContain('deploy/indicators.yaml');
    expect(message).toContain('indicator X-1 (indicators[0])');
    expect(message).toContain('/condition/all/1/step must be one of enrolled, assessed');
    expect(message).toContain('(got "hired")');
  });

  it('names a missing title language', () => {
    const message = problemOf(entry(`  - code: X-2\n    title: {en: T, it: T}\n    description: {en: D}\n    unit: u\n    kind: count\n    condition: {step: placed}\n`));
    expect(message).toMatch(/indicator X-2 \(indicators\[0\]\): \/title\/el/);
  });

  it('names an unknown kind and an unknown field', () => {
    expect(problemOf(entry(`  - code: X-3\n${titles}    kind: ratio\n`))).toContain('indicator X-3 (indicators[0]): /kind must be one of count, rate, median_days, organisations, contributions (got "ratio")');
    expect(problemOf(entry(`  - code: X-4\n${titles}    kind: count\n    condition: {step: placed}\n    colour: red\n`))).toMatch(/indicator X-4 \(indicators\[0\]\): \/colour/);
  });

  it('rejects a rate without a denominator, and a duplicate code', () => {
    expect(problemOf(entry(`  - code: X-5\n${titles}    kind: rate\n    numerator: {step: placed}\n`))).toContain('indicator X-5 (indicators[0]): a rate needs numerator and denominator');
    const twice = `  - code: X-6\n${titles}    kind: count\n    condition: {step: placed}\n`;
    expect(problemOf(entry(twice + twice))).toContain('indicator X-6 (indicators[1]): code X-6 is already used by indicators[0]');
  });

  it('reports YAML syntax errors and an empty catalogue with the file name', () => {
    expect(problemOf('indicators: [\n')).toContain('indicator catalogue deploy/indicators.yaml is invalid');
    expect(problemOf('indicators: []\n')).toMatch(/\/indicators/);
  });
});
