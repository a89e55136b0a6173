import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSiteFile } from '../site-file/site-file.parser';
import { readRecordFile } from './record-file-reader';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'import');

describe('the import fixtures', () => {
  it('come with a valid site file naming the courses and organisations the record files use', async () => {
    const site = parseSiteFile(readFileSync(join(FIXTURES, 'site.yaml'), 'utf8'), 'site.yaml');
    const titles = new Set((site.courses ?? []).map((c) => c.title));
    const orgs = new Set((site.organisations ?? []).map((o) => o.name));
    for (const { row } of await readRecordFile(join(FIXTURES, 'enrolments.csv'), 'enrolments')) {
      if (row['courseTitle'] !== 'Corso che non esiste') expect(titles).toContain(row['courseTitle']);
    }
    for (const { row } of await readRecordFile(join(FIXTURES, 'placements.csv'), 'placements')) if (row['employerOrg']) expect(orgs).toContain(row['employerOrg']);
    expect(await readRecordFile(join(FIXTURES, 'beneficiaries.csv'), 'beneficiaries')).toHaveLength(12);
  });
});
