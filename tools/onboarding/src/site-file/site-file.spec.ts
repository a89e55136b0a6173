import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSiteFile, validateSiteDefinition } from './site-file.parser';
import { SiteFileError, formatProblem, type SiteFileProblem } from './site-file.error';
import { idempotencyKey } from './site-apply';

const EXAMPLE = join(__dirname, '../../examples/sites/it-to.yaml');

function problemsOf(text: string, file = 'site.yaml'): SiteFileProblem[] {
  try {
    parseSiteFile(text, file);
  } catch (error) {
    if (error instanceof SiteFileError) return error.problems;
    throw error;
  }
  throw new Error('expected the file to be refused');
}

/** `line:field` of every problem, the shape the command prints. */
const where = (ps: SiteFileProblem[]) => ps.map((p) => `${p.line}:${p.field}`);

const VALID_SITE = `site:
  code: IT-TO
  name: AMIL Torino
  country: IT
  city: Torino
  programme: AMIL
  clusterName: Cluster MEIC Torino
  startedOn: 2026-02-02
  defaultLanguage: it
  targets: {enrolled: 110, placed: 40, womenSharePct: 40}
`;

describe('parseSiteFile', () => {
  it('checks a retention: a date, and whole years from 1 to 30', () => {
    expect(parseSiteFile(`${VALID_SITE}retention: {programmeEndsOn: 2026-12-31, years: 10}\n`, 'site.yaml').retention).toEqual({ programmeEndsOn: '2026-12-31', years: 10 });
    const ps = problemsOf(`${VALID_SITE}retention:\n  programmeEndsOn: 31/12/2026\n  years: 0\n  forever: true\n`);
    expect(where(ps)).toEqual(expect.arrayContaining(['12:retention.programmeEndsOn', '13:retention.years', '14:retention.forever']));
    expect(ps.find((p) => p.field === 'retention.years')?.message).toBe('must be a whole number of years from 1 to 30');
  });

  it('checks a pathway template with the service\'s own rules, each problem at its line', () => {
    const text = `${VALID_SITE}pathwayTemplate:
  version: 0
  stages: [training, intake, hiring]
  deadlines:
    assessmentWithinDays: 14
    firstActivityWithinDays: 0
    stalledAfterDays: 90
    followUpMonths: [3, 6, 12]
  onMissed: {follow_up_due: maybe}
  colour: blue
`;
    const ps = problemsOf(text);
    expect(where(ps)).toEqual(
      expect.arrayContaining(['12:pathwayTemplate.version', '13:pathwayTemplate.stages[2]', '15:pathwayTemplate.deadlines.internshipEndGraceDays', '16:pathwayTemplate.deadlines.firstActivityWithinDays', '19:pathwayTemplate.onMissed.follow_up_due', '20:pathwayTemplate.colour']),
    );
    expect(ps.find((p) => p.field === 'pathwayTemplate.deadlines.internshipEndGraceDays')?.message).toBe('is required');
    expect(ps.find((p) => p.field === 'pathwayTemplate.onMissed.follow_up_due')?.message).toBe('must be one of "task", "none" (got "maybe")');
    const order = problemsOf(`${VALID_SITE}pathwayTemplate: {version: 1, stages: [training, intake], deadlines: {assessmentWithinDays: 14, firstActivityWithinDays: 30, stalledAfterDays: 90, internshipEndGraceDays: 14, followUpMonths: [3]}}\n`);
    expect(order.map(formatProblem)).toEqual([expect.stringMatching(/^site\.yaml:11: pathwayTemplate\.stages: must follow the pathway's order/)]);
  });

  it('reads the example file into a definition with every section', () => {
    const def = parseSiteFile(readFileSync(EXAMPLE, 'utf8'), 'it-to.yaml');
    expect(def.site).toMatchObject({ code: 'IT-TO', country: 'IT', startedOn: '2026-02-02', targets: { enrolled: 110, placed: 40, womenSharePct: 40 } });
    expect(def.organisations).toHaveLength(9);
    expect(new Set(def.organisations?.map((o) => o.type)).size).toBeGreaterThanOrEqual(6);
    expect(def.courses).toHaveLength(6);
    expect(def.courses?.[0]).toEqual({ type: 'l2_language', title: 'Italiano per il lavoro A2', provider: 'CPIA 1 Torino', hours: 120, startsOn: '2026-03-09', endsOn: '2026-06-05', cefrTarget: 'A2' });
    expect(def.territorialIndicators).toHaveLength(3);
    expect(def.mentors).toHaveLength(2);
  });

  it('accepts a site without any list section', () => {
    expect(parseSiteFile(VALID_SITE, 'site.yaml').organisations).toBeUndefined();
  });

  it('lists every problem of the broken fixture with file, line and field', () => {
    const problems = problemsOf(readFileSync(join(__dirname, 'fixtures/broken-site.yaml'), 'utf8'), 'broken-site.yaml');
    expect(problems.every((p) => p.file === 'broken-site.yaml')).toBe(true);
    expect(where(problems).sort()).toEqual(
      [
        '2:site.code', // IT-TO does not start with ES-
        '8:site.startedOn', // 30 February
        '10:site.targets.placed',
        '11:site.pathwayTemplate', // unknown key
        '14:organisations[1].type',
        '15:organisations[2].name', // duplicate
        '17:courses[0].endsOn', // before startsOn
        '18:courses[1].hours',
        '18:courses[1].cefrTarget', // not an L2 course
        '19:courses[2].title', // duplicate
        '19:courses[2].cefrTarget',
        '22:territorialIndicators[1].value',
        '22:territorialIndicators[1].key', // duplicate key and year
        '24:mentors[0].languages[1]',
        '24:mentors[0].areas[1]',
        '26:mentors[1].languages',
        '28:mentors[1].phone',
      ].sort(),
    );
    const byField = new Map(problems.map((p) => [p.field, p.message]));
    expect(byField.get('site.code')).toMatch(/must start with the country code 'ES-'/);
    expect(byField.get('site.pathwayTemplate')).toMatch(/unknown field/);
    expect(byField.get('organisations[1].type')).toMatch(/must be one of employer_association, vet_provider.*not "charity"/);
    expect(byField.get('organisations[2].name')).toMatch(/duplicate organisation name "CPIA 1 Torino": already given at organisations\[0\]/);
    expect(byField.get('courses[2].cefrTarget')).toMatch(/pre-A1, A1, A2/);
    expect(byField.get('mentors[0].areas[1]')).toMatch(/work, housing, financial_literacy/);
    expect(formatProblem(problems.find((p) => p.field === 'courses[0].endsOn')!)).toBe('broken-site.yaml:17: courses[0].endsOn: must not be before startsOn (2026-03-09)');
  });

  it('names the line of a missing required field: the item or mapping that lacks it', () => {
    const text = `${VALID_SITE.replace('  city: Torino\n', '')}organisations:\n  - name: Caritas Torino\n    type: civil_society_org\n`;
    expect(where(problemsOf(text))).toEqual(['2:site.city', '11:organisations[0].joinedOn']);
  });

  it('rejects unknown top-level keys at their line, and a missing site', () => {
    expect(where(problemsOf(`${VALID_SITE}pathwayTemplates:\n  - x\n`))).toEqual(['11:pathwayTemplates']);
    expect(where(problemsOf('organisations: []\n'))).toEqual(['1:site']);
  });

  it('refuses malformed codes, countries, languages and types', () => {
    const text = VALID_SITE.replace('code: IT-TO', 'code: it-to').replace('defaultLanguage: it', 'defaultLanguage: Italian').replace('enrolled: 110', 'enrolled: "110"');
    expect(where(problemsOf(text))).toEqual(['2:site.code', '9:site.defaultLanguage', '10:site.targets.enrolled']);
  });

  it('reports YAML syntax errors and duplicate keys with their line', () => {
    expect(problemsOf(`${VALID_SITE}courses:\n  - {type: l2_language, title: [unclosed\n`)[0]?.line).toBeGreaterThanOrEqual(12);
    expect(where(problemsOf(VALID_SITE.replace('  city: Torino\n', '  city: Torino\n  city: Turin\n')))).toEqual(['6:']);
  });

  it('duplicate indicator keys count per reference year', () => {
    const text = `${VALID_SITE}territorialIndicators:\n  - {key: unemployment_rate_pct, value: 6.8, referenceYear: 2025, source: ISTAT}\n  - {key: unemployment_rate_pct, value: 7.1, referenceYear: 2024, source: ISTAT}\n`;
    expect(parseSiteFile(text, 'x.yaml').territorialIndicators).toHaveLength(2);
  });
});

describe('validateSiteDefinition', () => {
  it('checks a definition built in code, without lines', () => {
    const def = parseSiteFile(readFileSync(EXAMPLE, 'utf8'), 'it-to.yaml');
    expect(validateSiteDefinition(def)).toEqual([]);
    const broken = { ...def, courses: [{ ...def.courses![0]!, type: 'cooking' }] };
    expect(validateSiteDefinition(broken)).toEqual([expect.objectContaining({ line: null, field: 'courses[0].type' })]);
  });
});

describe('idempotencyKey', () => {
  it('is stable for the same body, changes with the body, stays ASCII and short', () => {
    const a = idempotencyKey('IT-TO', 'organisation', "Città di Torino - Ufficio l'Stranieri", { a: 1 });
    expect(a).toBe(idempotencyKey('IT-TO', 'organisation', "Città di Torino - Ufficio l'Stranieri", { a: 1 }));
    expect(a).not.toBe(idempotencyKey('IT-TO', 'organisation', "Città di Torino - Ufficio l'Stranieri", { a: 2 }));
    expect(a).toMatch(/^site-file:IT-TO:organisation:[\x20-\x7e]+$/);
    expect(idempotencyKey('IT-TO', 'organisation', 'x'.repeat(300), {}).length).toBeLessThanOrEqual(200);
  });
});
