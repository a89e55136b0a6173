// The demo programme, at a small scale, loaded through the public APIs of the real services, as
// `npm start` does: every record accepted, every KPI view fed, a re-run writing nothing, and the
// pathways raising exactly the tasks their rules call for — none for the burst of past records.
import { randomBytes } from 'node:crypto';
import { pollUntil } from '@meic/testing';
import { DEFAULT_TEMPLATE, deadlines, stageOf, type PathwayFact } from '@meic/beneficiaries/pathway/pathway.rules';
import type { ApiClient } from '../api/api-client';
import type { RecordRow } from '../records/record-types';
import { captured } from '../testing/cli-capture';
import { startStack, type StackHarness } from '../testing/stack-harness';
import { generateDemoProgramme, type DemoPerson, type DemoProgramme } from './demo-generator';
import { loadDemoProgramme, withSiteCodes } from './demo-loader';

const GRACE_SECONDS = 45;
const today = new Date().toISOString().slice(0, 10);
const sink = () => captured().stream;

interface OverviewGroup {
  key: string;
  enrolled: { value: number | null };
  women: { value: number | null };
  placed: { value: number | null };
  dropouts: { value: number | null };
  targets: { placed: number | null };
}

/** The facts a person's rows deliver to their pathway, as the events carry them. */
function factsOf(person: DemoPerson): PathwayFact[] {
  const facts: PathwayFact[] = [];
  const at = (row: RecordRow, column: string) => row[column] ?? '';
  person.records.forEach(({ type, row }, i) => {
    const eventId = `${person.ref}:${i}`;
    switch (type) {
      case 'beneficiaries':
        facts.push({ eventId, kind: 'enrolled', on: at(row, 'enrolledOn') });
        facts.push({ eventId: `${eventId}:consent`, kind: 'consent', on: at(row, 'consent.recordedOn'), at: '', evaluationFollowUp: at(row, 'consent.evaluationFollowUp') === 'true' });
        break;
      case 'assessments':
        facts.push({ eventId, kind: 'assessed', on: at(row, 'assessedOn') });
        break;
      case 'enrolments':
        facts.push({ eventId, kind: 'course-enrolled', on: at(row, 'enrolledOn') });
        break;
      case 'completions':
        facts.push({ eventId, kind: 'course-completed', on: at(row, 'completedOn') });
        break;
      case 'internships':
        facts.push({ eventId, kind: 'internship-started', on: at(row, 'startedOn'), plannedEndOn: at(row, 'plannedEndOn') });
        if (at(row, 'endedOn')) facts.push({ eventId: `${eventId}:end`, kind: 'internship-ended', on: at(row, 'endedOn') });
        break;
      case 'placements':
        facts.push({ eventId, kind: 'placed', on: at(row, 'startedOn') });
        break;
      case 'follow-ups':
        facts.push({ eventId, kind: 'followed-up', on: at(row, 'recordedOn'), months: Number(at(row, 'monthsAfterPlacement')) as 3 | 6 | 12, placedOn: at(row, 'placementStartedOn') });
        break;
      case 'dropouts':
        facts.push({ eventId, kind: 'dropped-out', on: at(row, 'on') });
        break;
      case 'mentoring-matches':
        break;
      default: {
        const never: never = type;
        throw new Error(`unknown record type ${String(never)}`);
      }
    }
  });
  return facts;
}

/** What the pathway rules say must be open today: every deadline past and unmet, unless the pathway has ended. */
function expectedTasks(person: DemoPerson): string[] {
  const facts = factsOf(person);
  if (['closed', 'dropped_out'].includes(stageOf(facts, DEFAULT_TEMPLATE).stage)) return [];
  return deadlines(facts, DEFAULT_TEMPLATE)
    .filter((d) => !d.met && d.dueOn <= today)
    .map((d) => `${d.kind}@${d.dueOn}`)
    .sort();
}

describe('the demo programme loaded through the public APIs', () => {
  let stack: StackHarness;
  let admin: ApiClient;
  let programme: DemoProgramme;
  let total: number;

  beforeAll(async () => {
    // Codes of this test only (max 10 characters after the country and dash).
    const suffix = randomBytes(3).toString('hex').toUpperCase().slice(0, 4);
    programme = withSiteCodes(generateDemoProgramme({ seed: 5, referenceDate: today, scale: 0.03 }), (code) => `${code}${suffix}`);
    total = programme.people.reduce((n, p) => n + p.records.length, 0);
    stack = await startStack({ analytics: true, minCell: 5, pathways: { catchUpGraceSeconds: GRACE_SECONDS } });
    admin = await stack.client();
  }, 180_000);

  afterAll(async () => {
    await stack?.close();
  });

  it('accepts every record, and a second load writes nothing', async () => {
    const first = await loadDemoProgramme(admin, programme, { out: sink(), interactive: false });
    expect({ rejected: first.records.rejected, rejections: first.rejections }).toEqual({ rejected: 0, rejections: [] });
    expect(first.records.created).toBe(total);

    const sites = await admin.readAll<{ code: string }>('stakeholders', '/v1/sites');
    expect(sites.map((s) => s.code)).toEqual(expect.arrayContaining(programme.sites.map((s) => s.site.code)));

    const second = await loadDemoProgramme(admin, programme, { out: sink(), interactive: false });
    expect(second.records).toEqual({ created: 0, unchanged: total, rejected: 0 });
  }, 600_000);

  it('feeds the KPI views: per site, the overview counts what the programme holds', async () => {
    const codes = programme.sites.map((s) => s.site.code);
    const staff = await stack.client({ role: 'site_staff', sites: codes });
    const expected = new Map<string, { enrolled: number; women: number; placed: number; dropouts: number }>();
    for (const p of programme.people) {
      const e = expected.get(p.siteCode) ?? { enrolled: 0, women: 0, placed: 0, dropouts: 0 };
      const enrolment = p.records[0]?.row ?? {};
      e.enrolled += 1;
      if (enrolment['sex'] === 'female') e.women += 1;
      if (p.records.some((r) => r.type === 'placements')) e.placed += 1;
      if (p.records.some((r) => r.type === 'dropouts')) e.dropouts += 1;
      expected.set(p.siteCode, e);
    }
    const figures = (groups: OverviewGroup[]) =>
      Object.fromEntries(groups.filter((g) => expected.has(g.key)).map((g) => [g.key, { enrolled: g.enrolled.value, women: g.women.value, placed: g.placed.value, dropouts: g.dropouts.value }]));
    const want = Object.fromEntries([...expected.entries()].sort());
    const overview = await pollUntil(
      'the overview counts every demo person',
      async () => {
        const res = await staff.get<{ groups: OverviewGroup[] }>('analytics', '/v1/kpis/overview?groupBy=site');
        return res.status === 200 && JSON.stringify(Object.fromEntries(Object.entries(figures(res.body.groups)).sort())) === JSON.stringify(want) ? res.body : undefined;
      },
      { timeoutMs: 120_000, intervalMs: 1_000 },
    ).catch(async (error: unknown) => {
      const last = await staff.get<{ groups: OverviewGroup[] }>('analytics', '/v1/kpis/overview?groupBy=site');
      throw new Error(`${String(error)}\nexpected ${JSON.stringify(want)}\nreceived ${JSON.stringify(figures(last.body.groups ?? []))}`);
    });
    // Every site shows its placement target next to what it achieved.
    for (const def of programme.sites) {
      const group = overview.groups.find((g) => g.key === def.site.code);
      if (expected.has(def.site.code)) expect(group?.targets.placed).toBe(def.site.targets.placed);
    }

    // The other views have something to draw for these sites.
    const site = [...expected.entries()].sort((a, b) => b[1].placed - a[1].placed)[0]?.[0] as string;
    const funnel = await staff.read<{ groups: { key: string; steps: { step: string; count: { value: number | null } }[] }[] }>('analytics', `/v1/kpis/funnel?groupBy=site&site=${site}`);
    const steps = funnel.groups.find((g) => g.key === site)?.steps ?? [];
    expect(steps.filter((s) => (s.count.value ?? 0) > 0).length).toBeGreaterThanOrEqual(5);
    const ttp = await staff.read<{ groups: { key: string; curve: unknown[] | null }[] }>('analytics', `/v1/kpis/time-to-placement?groupBy=site&site=${site}`);
    expect(ttp.groups.find((g) => g.key === site)?.curve?.length ?? 0).toBeGreaterThan(1);
    const breakdown = await staff.read<{ rows?: unknown[]; groups?: unknown[] }>('analytics', `/v1/kpis/breakdown?metric=placed&by=sex&site=${site}`);
    expect(JSON.stringify(breakdown)).toContain('female');
  }, 300_000);

  it('raises exactly the tasks the pathway rules call for, and none for the records that arrived in a burst', async () => {
    const byId = new Map<string, DemoPerson>();
    for (const def of programme.sites) {
      const people = await admin.readAll<{ id: string; ref?: string | null }>('beneficiaries', `/v1/beneficiaries?siteCode=${def.site.code}`);
      for (const b of people) {
        const person = programme.people.find((p) => p.siteCode === def.site.code && p.ref === b.ref);
        if (person) byId.set(b.id, person);
      }
    }
    expect(byId.size).toBe(programme.people.length);
    const want = new Map<string, string[]>();
    for (const [id, person] of byId) {
      const tasks = expectedTasks(person);
      if (tasks.length > 0) want.set(id, tasks);
    }
    // The demo is built to make some: stalled pathways, follow-ups due, internships not closed.
    expect(want.size).toBeGreaterThan(0);

    const open = async () => {
      const got = new Map<string, string[]>();
      for (const def of programme.sites) {
        const tasks = await admin.readAll<{ beneficiaryId: string; kind: string; dueOn: string }>('beneficiaries', `/v1/tasks?siteCode=${def.site.code}&status=open`);
        for (const t of tasks) got.set(t.beneficiaryId, [...(got.get(t.beneficiaryId) ?? []), `${t.kind}@${t.dueOn}`].sort());
      }
      return got;
    };
    const render = (m: Map<string, string[]>) => JSON.stringify(Object.fromEntries([...m.entries()].map(([id, t]) => [byId.get(id)?.ref ?? id, t]).sort()));
    let last = new Map<string, string[]>();
    await pollUntil(
      'the open tasks match the rules',
      async () => {
        last = await open();
        return render(last) === render(want) ? true : undefined;
      },
      { timeoutMs: 240_000, intervalMs: 2_000 },
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\nexpected ${render(want)}\nreceived ${render(last)}`);
    });
  }, 300_000);
});
