import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, ReadinessRegistry } from '@meic/service-kit';
import { ClickHouseService } from './clickhouse.service';

/**
 * A store that ingested the retired v1 events (they carried the beneficiary id, and assessments
 * and drop-outs could say health), migrated to now: no row says health, no row holds a beneficiary
 * id, and the tables built from events (projections) are built from what remains, keyed by pseudonym.
 */
describe('ClickHouse migrations 0006 and 0007: nothing special-category, nothing keyed by a beneficiary id', () => {
  let dir: string;
  let ch: ClickHouseService;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meic-ch-legacy-'));
    ch = new ClickHouseService({ chdbPath: dir, database: 'legacy_test' }, createLogger('test', 'error'), new ReadinessRegistry());
    await ch.migrate({ through: '0005_consents_and_export_audit.sql' });
  });

  afterAll(async () => {
    await ch?.onApplicationShutdown();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const coarse = { siteCode: 'IT-RM', country: 'IT', sex: 'female', ageBand: '25-29', citizenship: 'NG', legalStatus: 'refugee' };
  const row = (type: string, person: { column: string; field: Record<string, string> }, occurredOn: string, data: Record<string, unknown>) => ({
    event_id: randomUUID(),
    type,
    source: '/meic/beneficiaries',
    subject: Object.values(person.field)[0],
    time: '2026-03-10 09:00:00.000',
    site_code: 'IT-RM',
    country: 'IT',
    occurred_on: occurredOn,
    data: JSON.stringify({ ...coarse, ...person.field, occurredOn, ...data }),
    topic: 'meic.beneficiaries.v1',
    partition: 0,
    offset: '0',
  });

  it('deletes what the retired versions stored and keeps counting the events of now', async () => {
    const legacy = [randomUUID(), randomUUID()];
    const old = (id: string) => ({ column: 'beneficiary_id', field: { beneficiaryId: id } });
    await ch.client.insert({
      table: 'legacy_test.events',
      format: 'JSONEachRow',
      values: [
        { ...row('meic.beneficiary.enrolled.v1', old(legacy[0]!), '2026-03-02', { programme: 'AMIL' }), beneficiary_id: legacy[0] },
        { ...row('meic.beneficiary.assessed.v1', old(legacy[0]!), '2026-03-10', { assessmentId: randomUUID(), barriers: ['health', 'housing'], recommendedActivities: [] }), beneficiary_id: legacy[0] },
        { ...row('meic.beneficiary.dropped-out.v1', old(legacy[1]!), '2026-05-01', { reason: 'health' }), beneficiary_id: legacy[1] },
        { ...row('meic.beneficiary.consent-recorded.v1', old(legacy[1]!), '2026-03-02', { evaluationFollowUp: true }), beneficiary_id: legacy[1] },
      ],
    });
    // The store as that version left it: no projection yet (they are built from what remains).
    expect(await count(`SELECT count() AS n FROM system.tables WHERE database = 'legacy_test' AND name = 'projections'`, legacy)).toBe(0);

    await ch.migrate();

    const everything = `SELECT count() AS n FROM legacy_test.events WHERE data LIKE '%health%' OR data LIKE '%beneficiaryId%' OR position(data, {a:String}) > 0 OR position(data, {b:String}) > 0 OR pseudonym IN ({a:String}, {b:String})`;
    expect(await count(everything, legacy)).toBe(0);
    for (const table of ['participants', 'consents']) {
      expect(await count(`SELECT count() AS n FROM legacy_test.${table} WHERE pseudonym IN ({a:String}, {b:String})`, legacy)).toBe(0);
    }

    // Events of now go through the recreated views, keyed by pseudonym.
    const pseudonym = randomUUID();
    const now = { column: 'pseudonym', field: { pseudonym } };
    await ch.client.insert({
      table: 'legacy_test.events',
      format: 'JSONEachRow',
      values: [
        { ...row('meic.beneficiary.enrolled.v2', now, '2026-04-01', { programme: 'AMIL' }), pseudonym },
        { ...row('meic.beneficiary.assessed.v2', now, '2026-04-10', { assessmentId: randomUUID(), barriers: ['personal_or_other'], recommendedActivities: [] }), pseudonym },
        { ...row('meic.beneficiary.consent-recorded.v2', now, '2026-04-01', { evaluationFollowUp: false }), pseudonym },
      ],
    });
    const people = await ch.rows<{ pseudonym: string; enrolled_on: string; assessed_on: string }>(
      `SELECT pseudonym, toString(min(enrolled_on)) AS enrolled_on, toString(min(assessed_on)) AS assessed_on FROM legacy_test.participants WHERE pseudonym = {p:String} GROUP BY pseudonym`,
      { p: pseudonym },
    );
    expect(people).toEqual([{ pseudonym, enrolled_on: '2026-04-01', assessed_on: '2026-04-10' }]);
    expect(await ch.rows(`SELECT evaluation_follow_up FROM legacy_test.consents FINAL WHERE pseudonym = {p:String}`, { p: pseudonym })).toEqual([{ evaluation_follow_up: 0 }]);
  });

  async function count(query: string, ids: string[]): Promise<number> {
    const rows = await ch.rows<{ n: string | number }>(query, { a: ids[0], b: ids[1] });
    return Number(rows[0]?.n ?? 0);
  }
});
