import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pollUntil } from '@meic/testing';
import type { ApiClient } from '../api/api-client';
import type { CliContext } from '../cli/cli-context';
import { startStack, type StackHarness } from '../testing/stack-harness';
import { siteAddCommand } from './site-add.command';
import { captured } from '../testing/cli-capture';

const EXAMPLE = join(__dirname, '../../examples/sites/it-to.yaml');

interface Captured {
  code: number;
  out: string;
  err: string;
}

interface Listed {
  id: string;
  [k: string]: unknown;
}

describe('site:add through the public API', () => {
  let stack: StackHarness;
  let client: ApiClient;
  let dir: string;

  /** Runs a command as the launcher would, keeping its output. */
  async function capture(command: (argv: string[], ctx: CliContext) => Promise<number>, argv: string[]): Promise<Captured> {
    const out = captured();
    const err = captured();
    const code = await command(argv, { client, stdout: out.stream, stderr: err.stream, interactive: false, cwd: dir });
    return { code, out: out.text(), err: err.text() };
  }

  const siteAdd = (...argv: string[]) => capture(siteAddCommand, argv);

  /** Every record the site has, as the public API lists them. */
  async function snapshot(code: string) {
    const q = `siteCode=${code}`;
    const [organisations, courses, indicators, mentors] = await Promise.all([
      client.readAll<Listed>('stakeholders', `/v1/organisations?${q}`),
      client.readAll<Listed>('trainings', `/v1/courses?${q}`),
      client.readAll<Listed>('stakeholders', `/v1/sites/${code}/territorial-indicators`),
      client.readAll<Listed>('stakeholders', `/v1/mentors?${q}`),
    ]);
    const site = await client.read<Record<string, unknown>>('stakeholders', `/v1/sites/${code}`);
    const pathwayTemplate = (await client.get('beneficiaries', `/v1/sites/${code}/pathway-template`)).body;
    const retention = (await client.get('beneficiaries', `/v1/sites/${code}/retention`)).body;
    return { site, organisations, courses, indicators, mentors, pathwayTemplate, retention };
  }

  const example = () => readFileSync(EXAMPLE, 'utf8');
  const writeFile = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return name;
  };

  beforeAll(async () => {
    // A pathway worker too: a person enrolled at the new site must follow the file's template.
    stack = await startStack({ analytics: true, pathways: { catchUpGraceSeconds: 0 } });
    client = await stack.client();
    dir = mkdtempSync(join(tmpdir(), 'meic-site-add-'));
  });

  afterAll(async () => {
    await stack?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('applies the example: the site, its cluster, courses, indicators and mentors, and the site reaches the KPI overview', async () => {
    const run = await siteAdd(EXAMPLE);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('+ site IT-TO "AMIL Torino"');
    expect(run.out).toContain('+ organisation "Caritas Torino" (civil_society_org)');
    expect(run.out).toContain('+ course "Italiano per il lavoro A2" (l2_language, 120 h, by "CPIA 1 Torino")');
    expect(run.out).toContain('+ territorial indicator unemployment_rate_pct 2025 = 6.8');
    expect(run.out).toContain('+ pathway template v1: stages intake → orientation → training → internship → job_search → employed → follow_up → closed; assessment within 14 d, first activity within 21 d, stalled after 75 d; follow-ups at 3/6/12 months; no task for internship_end_overdue');
    expect(run.out).toContain('+ retention programme end 2026-12-31 + 5 years');
    expect(run.out).toContain('✔ IT-TO: 23 change(s) applied');
    // Mentors are named by position only: their names stay in the stakeholders service.
    expect(run.out).not.toContain('Mentor Torino');

    const s = await snapshot('IT-TO');
    expect(s.site).toMatchObject({ code: 'IT-TO', name: 'AMIL Torino', country: 'IT', programme: 'AMIL', startedOn: '2026-02-02', targets: { enrolled: 110, placed: 40, womenSharePct: 40 } });
    expect(s.organisations.map((o) => [o.name, o.type]).sort()).toEqual(
      [
        ['CPIA 1 Torino', 'vet_provider'],
        ["Centro per l'Impiego Torino", 'public_employment_service'],
        ['Città di Torino - Ufficio Stranieri', 'local_authority'],
        ['Camera di commercio di Torino', 'chamber_of_commerce'],
        ['Confartigianato Torino', 'employer_association'],
        ['Caritas Torino', 'civil_society_org'],
        ['Associazione Mamre', 'migrant_association'],
        ['Logistica Mirafiori srl', 'enterprise'],
        ['Politecnico di Torino', 'university'],
      ].sort(),
    );
    const orgId = (name: string) => s.organisations.find((o) => o.name === name)?.id;
    expect(s.courses).toHaveLength(6);
    expect(s.courses.find((c) => c.title === 'Italiano per il lavoro A2')).toMatchObject({ type: 'l2_language', providerOrgId: orgId('CPIA 1 Torino'), providerOrgType: 'vet_provider', hours: 120, cefrTarget: 'A2' });
    expect(s.courses.find((c) => c.title === 'Magazziniere e carrellista')).toMatchObject({ providerOrgId: orgId('Confartigianato Torino'), cefrTarget: null });
    expect(s.indicators.map((i) => [i.key, i.referenceYear, i.value]).sort()).toEqual(
      [
        ['employment_centres_per_100k', 2025, 1.4],
        ['firms_per_1000_inhabitants', 2024, 97.3],
        ['unemployment_rate_pct', 2025, 6.8],
      ].sort(),
    );
    expect(s.mentors.map((m) => [m.displayName, m.areas])).toEqual(
      expect.arrayContaining([
        ['Mentor Torino 1', ['work', 'housing']],
        ['Mentor Torino 2', ['work', 'financial_literacy']],
      ]),
    );
    expect(s.mentors).toHaveLength(2);

    const sites = await client.readAll<{ code: string }>('stakeholders', '/v1/sites');
    expect(sites.map((x) => x.code)).toContain('IT-TO');

    const group = await pollUntil('IT-TO in the KPI overview with its targets', async () => {
      const res = await client.get<{ groups: { key: string; targets: unknown }[] }>('analytics', '/v1/kpis/overview?groupBy=site');
      return res.status === 200 ? res.body.groups.find((g) => g.key === 'IT-TO' && (g.targets as { enrolled: unknown }).enrolled !== null) : undefined;
    }, { timeoutMs: 30_000 });
    expect(group.targets).toEqual({ enrolled: 110, placed: 40, womenSharePct: 40 });

    expect(s.pathwayTemplate).toMatchObject({ siteCode: 'IT-TO', source: 'site', template: { version: 1, deadlines: { firstActivityWithinDays: 21, stalledAfterDays: 75 } } });
    expect(s.retention).toEqual({ siteCode: 'IT-TO', programmeEndsOn: '2026-12-31', years: 5, expiresOn: '2031-12-31' });
    // A person enrolled in March with nothing since: the file's 21 and 75 days, not the default's 30 and 90.
    const person = await client.write<{ id: string }>('beneficiaries', 'POST', '/v1/beneficiaries', {
      siteCode: 'IT-TO',
      enrolledOn: '2026-03-02',
      person: { givenName: 'Test', familyName: 'Person', birthDate: '1995-04-01' },
      sex: 'male',
      citizenship: 'NG',
      legalStatus: 'refugee',
      arrivalYear: 2024,
      educationIsced: 2,
      languages: [{ code: 'en', cefr: 'B1' }],
      consent: { dataProcessing: true, evaluationFollowUp: false, recordedOn: '2026-03-02' },
    });
    const tasks = await pollUntil('the pathway to raise its overdue tasks', async () => {
      const res = await client.get<{ openTasks: { kind: string; dueOn: string }[] }>('beneficiaries', `/v1/beneficiaries/${person.body.id}/pathway`);
      const open = res.status === 200 ? res.body.openTasks : [];
      return open.some((t) => t.kind === 'pathway_stalled') ? open : undefined;
    });
    expect(Object.fromEntries(tasks.map((t) => [t.kind, t.dueOn]))).toMatchObject({ first_activity_overdue: '2026-03-23', pathway_stalled: '2026-05-16' });
  });

  it('applying the same file again writes nothing and says so', async () => {
    const before = await snapshot('IT-TO');
    const run = await siteAdd(EXAMPLE);
    expect(run).toMatchObject({ code: 0, err: '' });
    expect(run.out).toContain('IT-TO is up to date: nothing to change');
    expect(run.out).toContain('= site IT-TO unchanged');
    expect(run.out).toContain('= 9 organisations unchanged');
    expect(run.out).toContain('= 6 courses unchanged');
    expect(run.out).toContain('= pathway template v1 unchanged');
    expect(run.out).toContain('= retention unchanged');
    expect(run.out).not.toMatch(/^\+/m);
    const after = await snapshot('IT-TO');
    expect(after).toEqual(before);
  });

  it('--dry-run prints the changes of an edited file and writes nothing; without it they are made', async () => {
    const edited = example()
      .replace('targets: {enrolled: 110, placed: 40, womenSharePct: 40}', 'targets: {enrolled: 110, placed: 50, womenSharePct: 40}')
      .replace('courses:  ', '  - {name: Cooperativa Orso, type: civil_society_org, naceSector: Q, joinedOn: 2026-04-01}\n\ncourses:  ')
      .replace(
        'territorialIndicators:',
        '  - {type: soft_skills, title: Orientamento al lavoro, provider: Cooperativa Orso, hours: 16, startsOn: 2026-04-13, endsOn: 2026-04-24}\n\nterritorialIndicators:',
      );
    const file = writeFile('it-to-edited.yaml', edited);
    const before = await snapshot('IT-TO');

    const dry = await siteAdd(file, '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out.split('\n')).toEqual(
      expect.arrayContaining([
        '~ site IT-TO targets.placed: 40 → 50',
        '+ organisation "Cooperativa Orso" (civil_society_org)',
        '+ course "Orientamento al lavoro" (soft_skills, 16 h, by "Cooperativa Orso")',
        '= 9 organisations unchanged',
        '= 6 courses unchanged',
        'dry run: 3 change(s) not applied',
      ]),
    );
    expect(await snapshot('IT-TO')).toEqual(before);

    const wet = await siteAdd(file);
    expect(wet).toMatchObject({ code: 0, err: '' });
    const after = await snapshot('IT-TO');
    expect(after.site).toMatchObject({ targets: { enrolled: 110, placed: 50, womenSharePct: 40 } });
    expect(after.organisations).toHaveLength(10);
    expect(after.courses.find((c) => c.title === 'Orientamento al lavoro')).toMatchObject({ providerOrgId: after.organisations.find((o) => o.name === 'Cooperativa Orso')?.id });
    expect((await siteAdd(file)).out).toContain('IT-TO is up to date: nothing to change');
  });

  it('a difference the API cannot make is an error with its line, and nothing else in the file is applied', async () => {
    const text = example()
      .replace('placed: 40', 'placed: 45')
      .replace('{name: Caritas Torino, type: civil_society_org', '{name: Caritas Torino, type: migrant_association');
    const file = writeFile('it-to-conflict.yaml', text);
    const before = await snapshot('IT-TO');
    const run = await siteAdd(file);
    expect(run.code).toBe(1);
    const line = text.split('\n').findIndex((l) => l.includes('Caritas Torino')) + 1;
    expect(run.err).toContain(`it-to-conflict.yaml:${line}: organisations[5].type: organisation "Caritas Torino" is already a member of IT-TO with type civil_society_org; the API cannot change it`);
    expect(run.err).toContain('nothing was changed');
    expect(await snapshot('IT-TO')).toEqual(before);
  });

  it('a changed pathway template needs a higher version; with one it is set for new pathways and the plan says how to move running ones', async () => {
    const changed = example().replace('stalledAfterDays: 75', 'stalledAfterDays: 60');
    const before = await snapshot('IT-TO');
    const same = await siteAdd(writeFile('it-to-template-same-version.yaml', changed));
    expect(same.code).toBe(1);
    const line = changed.split('\n').findIndex((l) => l.startsWith('  version: 1')) + 1;
    expect(same.err).toContain(
      `it-to-template-same-version.yaml:${line}: pathwayTemplate.version: IT-TO's pathway template is at version 1 (set for the site) with other content; a changed template needs a version above 1`,
    );
    expect(await snapshot('IT-TO')).toEqual(before);

    const file = writeFile('it-to-template-v2.yaml', changed.replace('  version: 1', '  version: 2'));
    const dry = await siteAdd(file, '--dry-run');
    expect(dry).toMatchObject({ code: 0, err: '' });
    expect(dry.out).toContain('~ pathway template v1 → v2: stages intake → orientation');
    expect(dry.out).toContain('stalled after 60 d');
    expect(dry.out).toContain('(new pathways only; POST /v1/sites/IT-TO/pathways/migrate-template moves the running ones)');
    expect(await snapshot('IT-TO')).toEqual(before);
    expect(await siteAdd(file)).toMatchObject({ code: 0, err: '' });
    expect((await snapshot('IT-TO')).pathwayTemplate).toMatchObject({ source: 'site', template: { version: 2, deadlines: { stalledAfterDays: 60 } } });
    expect((await siteAdd(file)).out).toContain('= pathway template v2 unchanged');
  });

  it('a pathway template with errors is refused with the line of each field', async () => {
    const text = example().replace('stalledAfterDays: 75', 'stalledAfterDays: -5').replace('followUpMonths: [3, 6, 12]', 'followUpMonths: [3, 9]').replace('  onMissed:', '  reminders: weekly\n  onMissed:');
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    const run = await siteAdd(writeFile('it-to-bad-template.yaml', text));
    expect(run.code).toBe(1);
    expect(run.err).toContain(`it-to-bad-template.yaml:${lineOf('stalledAfterDays')}: pathwayTemplate.deadlines.stalledAfterDays: must be >= 1 (got -5)`);
    expect(run.err).toContain(`it-to-bad-template.yaml:${lineOf('followUpMonths')}: pathwayTemplate.deadlines.followUpMonths[1]: must be one of 3, 6, 12 (got 9)`);
    expect(run.err).toContain(`it-to-bad-template.yaml:${lineOf('reminders')}: pathwayTemplate.reminders: is not a known field`);
  });

  it('a new site whose last course names an unknown provider is not created at all, and the error names the line', async () => {
    const text = example()
      .replace(/IT-TO/g, 'IT-AL')
      .replace('city: Torino', 'city: Alessandria')
      .replace(
        /\n\nterritorialIndicators:/,
        '\n  - {type: soft_skills, title: Orientamento, provider: Ente che non esiste, hours: 16, startsOn: 2026-04-13, endsOn: 2026-04-24}\n\nterritorialIndicators:',
      );
    const file = writeFile('it-al.yaml', text);
    const line = text.split('\n').findIndex((l) => l.includes('Ente che non esiste')) + 1;
    const run = await siteAdd(file);
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toContain(`it-al.yaml:${line}: courses[6].provider: "Ente che non esiste" is neither an organisation of this file nor a member of the site`);
    expect((await client.get('stakeholders', '/v1/sites/IT-AL')).status).toBe(404);
    expect(await client.readAll('stakeholders', '/v1/organisations?siteCode=IT-AL')).toEqual([]);
  });

  it('a file with a local error changes nothing and exits 1 with file:line: field', async () => {
    const text = example().replace('placed: 40', 'placed: many');
    const run = await siteAdd(writeFile('it-to-bad.yaml', text));
    expect(run.code).toBe(1);
    expect(run.err).toContain('it-to-bad.yaml:13: site.targets.placed: must be a whole number, 0 or more');
  });

  it('runs through runCli with its exit codes: 0 up to date, 2 for usage errors', async () => {
    // Loaded here, not at the top: run-cli pulls in every command of the package, and only this test needs them.
    const { runCli } = await import('../cli/run-cli.js');
    const run = (argv: string[]) => capture((a, ctx) => runCli('site:add', a, ctx), argv);
    const file = writeFile('it-ge.yaml', example().replace(/IT-TO/g, 'IT-GE').replace('city: Torino', 'city: Genova'));
    const first = await run([file]);
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('✔ IT-GE: 23 change(s) applied');
    const again = await run([file]);
    expect(again).toMatchObject({ code: 0, err: '' });
    expect(again.out).toContain('IT-GE is up to date: nothing to change');
    expect(await run([])).toMatchObject({ code: 2, out: '', err: expect.stringContaining('usage: npm run site:add -- <file.yaml> [--dry-run]') });
    expect(await run([EXAMPLE, '--force'])).toMatchObject({ code: 2, err: expect.stringContaining('unknown option --force') });
    expect(await run(['no-such-file.yaml'])).toMatchObject({ code: 2, err: expect.stringContaining('cannot read') });
  });
});
