import { anyOf, firstOn, on, projectionSql, value, type Projection } from './projection';
import { PROJECTIONS } from './projections';

describe('projections: events to ClickHouse tables, typed by the event catalogue', () => {
  it('extracts each field as the catalogue schema types it', () => {
    const followedUp = on('meic.beneficiary.followed-up.v2');
    expect(followedUp.field('employed')).toBe("JSONExtractBool(data, 'employed')");
    expect(followedUp.field('monthsAfterPlacement')).toBe("JSONExtractInt(data, 'monthsAfterPlacement')");
    expect(on('meic.course.completed.v2').field('courseType')).toBe("JSONExtractString(data, 'courseType')");
    // cefrLevelReached is nullable: read as its non-null type
    expect(on('meic.course.completed.v2').field('cefrLevelReached')).toBe("JSONExtractString(data, 'cefrLevelReached')");
    expect(on('meic.site.registered.v1').nested('targets', 'enrolled', 'UInt32')).toBe("JSONExtract(data, 'targets', 'enrolled', 'UInt32')");
  });

  it('refuses a field the event does not have or that is not a scalar', () => {
    // The compiler refuses these too; a mapping built from strings would not be checked.
    expect(() => on('meic.beneficiary.placed.v2').field('salary' as never)).toThrow('meic.beneficiary.placed.v2 has no scalar field salary');
    expect(() => on('meic.beneficiary.assessed.v2').field('barriers')).toThrow('has no scalar field barriers');
  });

  it('writes conditions and aggregates over the event type', () => {
    const placed = on('meic.beneficiary.placed.v2');
    expect(placed.is(placed.eq('contractType', 'permanent'))).toBe("type = 'meic.beneficiary.placed.v2' AND JSONExtractString(data, 'contractType') = 'permanent'");
    expect(firstOn(placed).expr).toBe("minIf(toNullable(occurred_on), type = 'meic.beneficiary.placed.v2')");
    expect(anyOf(placed, on('meic.course.created.v1'))).toBe("type IN ('meic.beneficiary.placed.v2', 'meic.course.created.v1')");
  });

  it('builds the table, its view and its backfill from one definition', () => {
    const p: Projection = { name: 'placed', engine: 'AggregatingMergeTree', orderBy: 'pseudonym', columns: { pseudonym: value('String', 'pseudonym'), placed_on: firstOn(on('meic.beneficiary.placed.v2')) }, from: 'FROM {db}.events\nGROUP BY pseudonym' };
    const sql = projectionSql(p);
    expect(sql.table).toBe('CREATE TABLE {db}.placed\n(\n    pseudonym String,\n    placed_on SimpleAggregateFunction(min, Nullable(Date32))\n)\nENGINE = AggregatingMergeTree\nORDER BY pseudonym');
    expect(sql.view).toBe(`CREATE MATERIALIZED VIEW {db}.placed_mv TO {db}.placed AS\nSELECT\n    pseudonym AS pseudonym,\n    minIf(toNullable(occurred_on), type = 'meic.beneficiary.placed.v2') AS placed_on\nFROM {db}.events\nGROUP BY pseudonym`);
    expect(sql.backfill.startsWith('INSERT INTO {db}.placed\nSELECT\n')).toBe(true);
  });

  it('never names an output column after a column its own aggregates read (ClickHouse resolves the alias first)', () => {
    for (const p of PROJECTIONS) {
      for (const name of Object.keys(p.columns)) {
        for (const [other, c] of Object.entries(p.columns)) {
          if (other === name) continue;
          expect({ projection: p.name, column: other, reads: new RegExp(`(^|[^\\w.])${name} (=|IN|!=)`).test(c.expr) }).toEqual({ projection: p.name, column: other, reads: false });
        }
      }
    }
  });

  it('defines every table the KPI queries read, none reading a retired version', () => {
    expect(PROJECTIONS.map((p) => p.name)).toEqual(['participants', 'consents', 'sites', 'organisations', 'contributions']);
    for (const p of PROJECTIONS) {
      const { view } = projectionSql(p);
      expect(view).not.toMatch(/meic\.beneficiary\.[a-z-]+\.v1|beneficiary_id|beneficiaryId/);
    }
  });
});
