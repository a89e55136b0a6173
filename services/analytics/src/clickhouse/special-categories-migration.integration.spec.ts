import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, ReadinessRegistry } from '@meic/service-kit';
import { ClickHouseService } from './clickhouse.service';

/**
 * Migration 0006 on a store that ingested legacy v1 events while they could still say health:
 * afterwards no row says health, each is the v2 row ingest stores now, and the person view
 * (recreated for the v2 types) still dates the assessment and the drop-out.
 */
describe('ClickHouse migration 0006: no special category stays in analytics', () => {
  const MIGRATION = '0006_no_special_categories.sql';
  let dir: string;
  let ch: ClickHouseService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meic-ch-0006-'));
    ch = new ClickHouseService({ chdbPath: dir, database: 'migration_test' }, createLogger('test', 'error'), new ReadinessRegistry());
    await ch.migrate();
  });

  afterAll(async () => {
    await ch?.onApplicationShutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('rewrites stored v1 assessments and drop-outs to their v2 form, and the person view keeps their dates', async () => {
    const person = { siteCode: 'IT-RM', country: 'IT', sex: 'female', ageBand: '25-29', citizenship: 'NG', legalStatus: 'refugee' };
    const [a, b] = [randomUUID(), randomUUID()];
    const row = (type: string, beneficiaryId: string, occurredOn: string, data: Record<string, unknown>) => ({
      event_id: randomUUID(),
      type,
      source: '/meic/beneficiaries',
      subject: beneficiaryId,
      time: '2026-03-10 09:00:00.000',
      site_code: 'IT-RM',
      country: 'IT',
      occurred_on: occurredOn,
      beneficiary_id: beneficiaryId,
      data: JSON.stringify({ ...person, beneficiaryId, occurredOn, ...data }),
      topic: 'meic.beneficiaries.v1',
      partition: 0,
      offset: '0',
    });
    // As a store migrated up to 0005 held them, before the view knew the v2 types.
    await ch.client.command({ query: 'DROP VIEW migration_test.participants_mv' });
    await ch.client.command({ query: `DELETE FROM migration_test.schema_migrations WHERE name = '${MIGRATION}'` });
    await ch.client.insert({
      table: 'migration_test.events',
      format: 'JSONEachRow',
      values: [
        row('meic.beneficiary.assessed.v1', a, '2026-03-10', { assessmentId: randomUUID(), barriers: ['health', 'housing', 'other'], recommendedActivities: ['l2_language'] }),
        row('meic.beneficiary.assessed.v1', b, '2026-03-11', { assessmentId: randomUUID(), barriers: ['digital'], recommendedActivities: [] }),
        row('meic.beneficiary.dropped-out.v1', a, '2026-05-01', { reason: 'health' }),
        row('meic.beneficiary.dropped-out.v1', b, '2026-05-02', { reason: 'moved_away' }),
      ],
    });

    await ch.migrate();

    const rows = await ch.rows<{ type: string; beneficiary_id: string; data: string }>(`SELECT type, beneficiary_id, data FROM migration_test.events WHERE beneficiary_id IN ({a:String}, {b:String}) ORDER BY type, occurred_on`, { a, b });
    expect(rows.map((r) => [r.type, r.beneficiary_id, JSON.parse(r.data).barriers ?? JSON.parse(r.data).reason])).toEqual([
      ['meic.beneficiary.assessed.v2', a, ['personal_or_other', 'housing']],
      ['meic.beneficiary.assessed.v2', b, ['digital']],
      ['meic.beneficiary.dropped-out.v2', a, 'personal_or_other'],
      ['meic.beneficiary.dropped-out.v2', b, 'moved_away'],
    ]);
    expect(JSON.parse(rows[0]!.data)).toMatchObject({ ...person, beneficiaryId: a, recommendedActivities: ['l2_language'] });
    expect((await ch.rows<{ n: string }>(`SELECT count() AS n FROM migration_test.events WHERE data LIKE '%health%'`)).map((r) => Number(r.n))).toEqual([0]);

    // Re-inserting the stored events runs them through the recreated view.
    await ch.client.command({ query: 'INSERT INTO migration_test.events SELECT * FROM migration_test.events' });
    const people = await ch.rows<{ beneficiary_id: string; assessed_on: string; dropped_on: string }>(
      `SELECT beneficiary_id, toString(min(assessed_on)) AS assessed_on, toString(min(dropped_on)) AS dropped_on FROM migration_test.participants WHERE beneficiary_id IN ({a:String}, {b:String}) GROUP BY beneficiary_id ORDER BY assessed_on`,
      { a, b },
    );
    expect(people).toEqual([
      { beneficiary_id: a, assessed_on: '2026-03-10', dropped_on: '2026-05-01' },
      { beneficiary_id: b, assessed_on: '2026-03-11', dropped_on: '2026-05-02' },
    ]);
  });
});
