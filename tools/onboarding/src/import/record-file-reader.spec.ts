import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { detectDelimiter, readRecordFile, RecordFileError } from './record-file-reader';

describe('reading a site spreadsheet', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'meic-reader-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text, 'utf8');
    return path;
  };

  it('reads a comma CSV with a BOM; row numbers as in the spreadsheet, empty rows skipped but counted', async () => {
    const path = file('commas.csv', '\uFEFFbeneficiaryRef,reason,on\nR-1,moved_away,2026-03-01\n\n,,\nR-2,"health",2026-04-01\n');
    expect(await readRecordFile(path, 'dropouts')).toEqual([
      { rowNumber: 2, row: { beneficiaryRef: 'R-1', reason: 'moved_away', on: '2026-03-01' } },
      { rowNumber: 5, row: { beneficiaryRef: 'R-2', reason: 'health', on: '2026-04-01' } },
    ]);
  });

  it('detects ; from the header and keeps commas inside cells (decimal commas, quoted text)', async () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('\uFEFFa,b\n1;2')).toBe(',');
    const path = file('semicolons.csv', 'beneficiaryRef;employerName;contractType;hoursPerWeek;naceSector;startedOn\r\nR-1;"Rossi, Bianchi & C.";permanent;24,5;I;2026-06-01\r\n');
    expect(await readRecordFile(path, 'placements')).toEqual([
      { rowNumber: 2, row: { beneficiaryRef: 'R-1', employerName: 'Rossi, Bianchi & C.', contractType: 'permanent', hoursPerWeek: '24,5', naceSector: 'I', startedOn: '2026-06-01' } },
    ]);
  });

  it('refuses a file with unknown or missing columns as a whole, naming them', async () => {
    const unknown = file('unknown.csv', 'beneficiaryRef,reason,on,notes,colour\nR-1,health,2026-03-01,x,y\n');
    await expect(readRecordFile(unknown, 'dropouts')).rejects.toThrow(/unknown columns notes, colour for dropouts \(expected: beneficiaryRef, reason, on\)/);
    const missing = file('missing.csv', 'beneficiaryRef\nR-1\n');
    await expect(readRecordFile(missing, 'dropouts')).rejects.toThrow(new RecordFileError('missing required columns reason, on'));
    await expect(readRecordFile(file('empty.csv', ''), 'dropouts')).rejects.toThrow(/no header row/);
    await expect(readRecordFile(file('x.txt', 'a'), 'dropouts')).rejects.toThrow(/use \.csv or \.xlsx/);
    await expect(readRecordFile(join(dir, 'nope.csv'), 'dropouts')).rejects.toThrow(/cannot read the file: ENOENT/);
  });

  it('reads the first worksheet of an XLSX: dates as YYYY-MM-DD, numbers and booleans as text, empty rows skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('follow-ups');
    workbook.addWorksheet('ignored').addRow(['not', 'read']);
    sheet.addRow(['beneficiaryRef', 'monthsAfterPlacement', 'employed', 'recordedOn', 'placementStartedOn']);
    sheet.addRow(['R-1', 6, true, new Date(Date.UTC(2026, 8, 1)), '2026-03-01']);
    sheet.addRow([]);
    sheet.addRow(['R-2', 12, false, new Date(Date.UTC(2026, 11, 31)), null]);
    sheet.getCell('A5').value = { richText: [{ text: 'R-' }, { text: '3' }] };
    sheet.getCell('B5').value = { formula: '1+2', result: 3 };
    sheet.getCell('C5').value = 'yes';
    sheet.getCell('D5').value = '2027-01-15';
    const path = join(dir, 'follow-ups.xlsx');
    await workbook.xlsx.writeFile(path);
    expect(await readRecordFile(path, 'follow-ups')).toEqual([
      { rowNumber: 2, row: { beneficiaryRef: 'R-1', monthsAfterPlacement: '6', employed: 'true', recordedOn: '2026-09-01', placementStartedOn: '2026-03-01' } },
      { rowNumber: 4, row: { beneficiaryRef: 'R-2', monthsAfterPlacement: '12', employed: 'false', recordedOn: '2026-12-31' } },
      { rowNumber: 5, row: { beneficiaryRef: 'R-3', monthsAfterPlacement: '3', employed: 'yes', recordedOn: '2027-01-15' } },
    ]);
  });

  it('says so when an .xlsx is not a workbook', async () => {
    await expect(readRecordFile(file('fake.xlsx', 'just text'), 'dropouts')).rejects.toThrow(/not a readable XLSX file/);
  });
});
