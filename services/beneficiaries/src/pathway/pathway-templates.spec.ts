import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBeneficiariesConfig } from '../config';
import { loadPathwayTemplates, PathwayTemplateError } from './pathway-templates';
import { DEFAULT_TEMPLATE } from './pathway.rules';

const VALID = `version: 2
stages: [intake, training, job_search, employed, follow_up, closed]
deadlines:
  assessmentWithinDays: 14
  firstActivityWithinDays: 30
  stalledAfterDays: 90
  internshipEndGraceDays: 14
  followUpMonths: [3, 6, 12]
`;

describe('pathway templates', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pathway-templates-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
  const failure = (): PathwayTemplateError => {
    try {
      loadPathwayTemplates(dir);
    } catch (e) {
      if (e instanceof PathwayTemplateError) return e;
      throw e;
    }
    throw new Error('expected the templates to be refused');
  };

  it("ships a default that is DEFAULT_TEMPLATE, and Rome's own, in the directory the config points at by default", () => {
    const config = loadBeneficiariesConfig({ DATABASE_URL: 'postgres://x', MEIC_JWT_PUBLIC_KEY: 'k' });
    const templates = loadPathwayTemplates(config.PATHWAY_TEMPLATES_DIR);
    expect(templates.forSite('CY-NI')).toEqual(DEFAULT_TEMPLATE);
    expect(templates.sites).toEqual(['IT-RM']);
    const rome = templates.forSite('IT-RM');
    expect(rome.stages).not.toContain('assessment');
    expect(rome.deadlines.followUpMonths).toEqual([6, 12]);
    expect(rome.onMissed).toEqual({ internship_end_overdue: 'none' });
  });

  it('refuses an unknown task kind or action in onMissed, naming the field', () => {
    write('default.yaml', `${VALID}\nonMissed: {follow_up_due: email}\n`);
    expect(() => loadPathwayTemplates(dir)).toThrow(/onMissed\/follow_up_due/);
    write('default.yaml', `${VALID}\nonMissed: {coffee_due: none}\n`);
    expect(() => loadPathwayTemplates(dir)).toThrow(/onMissed/);
  });

  it("gives a site its own file's template and every other site the default", () => {
    write('default.yaml', VALID);
    write('IT-TO.yaml', VALID.replace('version: 2', 'version: 7').replace('stalledAfterDays: 90', 'stalledAfterDays: 45'));
    const templates = loadPathwayTemplates(dir);
    expect(templates.forSite('IT-TO')).toMatchObject({ version: 7, deadlines: { stalledAfterDays: 45 } });
    expect(templates.forSite('IT-RM')).toMatchObject({ version: 2, deadlines: { stalledAfterDays: 90 } });
  });

  it('names the file and the field of an invalid template', () => {
    write('default.yaml', VALID);
    write('IT-TO.yaml', VALID.replace('stalledAfterDays: 90', 'stalledAfterDays: -3').replace('[3, 6, 12]', '[3, 9]'));
    const e = failure();
    expect(e.file).toBe(join(dir, 'IT-TO.yaml'));
    expect(e.message).toContain('IT-TO.yaml');
    expect(e.problems.join('\n')).toMatch(/\/deadlines\/stalledAfterDays .*-3/);
    expect(e.problems.join('\n')).toContain('/deadlines/followUpMonths/1');
  });

  it('refuses unknown fields and stages, missing fields, and stages out of order', () => {
    write('default.yaml', `${VALID}extra: 1\n`);
    expect(failure().problems.join('\n')).toContain('/extra');
    write('default.yaml', VALID.replace('training,', 'trainning,'));
    expect(failure().problems.join('\n')).toContain('/stages/1');
    write('default.yaml', VALID.replace('  stalledAfterDays: 90\n', ''));
    expect(failure().problems.join('\n')).toContain('/deadlines/stalledAfterDays');
    write('default.yaml', VALID.replace('training, job_search', 'job_search, training'));
    expect(failure().problems).toEqual([expect.stringContaining("/stages must follow the pathway's order")]);
  });

  it('requires a default, refuses stray file names and unreadable YAML', () => {
    write('IT-TO.yaml', VALID);
    expect(failure().problems).toEqual([expect.stringContaining('missing')]);
    write('default.yaml', VALID);
    write('rome.yaml', VALID);
    expect(failure().file).toBe(join(dir, 'rome.yaml'));
    rmSync(join(dir, 'rome.yaml'));
    write('IT-TO.yaml', 'version: [1\n');
    expect(failure().problems).toEqual([expect.stringContaining('not readable YAML')]);
  });

  it('fails on a directory that does not exist', () => {
    expect(() => loadPathwayTemplates(join(dir, 'nope'))).toThrow(PathwayTemplateError);
  });
});
