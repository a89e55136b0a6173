/**
 * A site's spreadsheet (CSV or XLSX) → rows of cell text keyed by column, each with the row
 * number the user sees in their spreadsheet (the header is row 1), so a report line points at
 * the row to fix. The header is checked against the record type's columns before any row is
 * read: a file with unknown or missing columns is refused as a whole.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { RECORD_COLUMNS, type RecordRow, type RecordType } from '../records/record-types';

export interface NumberedRow {
  rowNumber: number;
  row: RecordRow;
}

/** The file cannot be imported as a whole (unreadable, wrong format, bad header). */
export class RecordFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordFileError';
  }
}

/** `,` or `;`, whichever the header line uses more (spreadsheets in comma-decimal locales write `;`). */
export function detectDelimiter(text: string): ',' | ';' {
  const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const count = (c: string) => header.split(c).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

export function parseCsv(text: string): string[][] {
  try {
    return parse(text, { bom: true, delimiter: detectDelimiter(text), relax_column_count: true, skip_empty_lines: false, trim: false }) as string[][];
  } catch (error) {
    throw new RecordFileError(`not a readable CSV file: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** YYYY-MM-DD of a date cell: Excel dates carry no zone, exceljs hands them over as UTC. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('hyperlink' in value) return cellText((value as ExcelJS.CellHyperlinkValue).text);
    if ('error' in value) return '';
  }
  return String(value as unknown);
}

export async function readXlsxCells(path: string): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new RecordFileError(`not a readable XLSX file: ${error instanceof Error ? error.message : String(error)}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new RecordFileError('the workbook has no worksheet');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const cells: string[] = [];
    // row.values is 1-based (index 0 is empty).
    const values = Array.isArray(row.values) ? row.values : [];
    for (let i = 1; i < values.length; i += 1) cells.push(cellText(values[i] as ExcelJS.CellValue));
    rows[rowNumber - 1] = cells;
  });
  for (let i = 0; i < rows.length; i += 1) rows[i] ??= [];
  return rows;
}

/** Cells (row 1 the header) → numbered rows of the record type; empty rows are skipped but keep their numbers. */
export function toRecordRows(type: RecordType, cells: string[][]): NumberedRow[] {
  const header = (cells[0] ?? []).map((h) => h.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (header.length === 0) throw new RecordFileError('the file has no header row (row 1 names the columns)');
  const specs = RECORD_COLUMNS[type];
  const known = new Set(specs.map((c) => c.name));
  const problems: string[] = [];
  const blank = header.map((h, i) => (h === '' ? i + 1 : 0)).filter((n) => n > 0);
  if (blank.length > 0) problems.push(`column${blank.length > 1 ? 's' : ''} ${blank.join(', ')} of the header ${blank.length > 1 ? 'have' : 'has'} no name`);
  const unknown = header.filter((h) => h !== '' && !known.has(h));
  if (unknown.length > 0) problems.push(`unknown column${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} for ${type} (expected: ${specs.map((c) => c.name).join(', ')})`);
  const duplicated = header.filter((h, i) => h !== '' && header.indexOf(h) !== i);
  if (duplicated.length > 0) problems.push(`column${duplicated.length > 1 ? 's' : ''} ${[...new Set(duplicated)].join(', ')} appear${duplicated.length > 1 ? '' : 's'} more than once`);
  const missing = specs.filter((c) => c.required && !header.includes(c.name)).map((c) => c.name);
  if (missing.length > 0) problems.push(`missing required column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`);
  if (problems.length > 0) throw new RecordFileError(problems.join('; '));

  const rows: NumberedRow[] = [];
  for (let i = 1; i < cells.length; i += 1) {
    const line = cells[i] ?? [];
    if (line.every((c) => c.trim() === '')) continue;
    const row: Record<string, string> = {};
    header.forEach((name, column) => {
      const text = line[column] ?? '';
      if (text.trim() !== '') row[name] = text;
    });
    rows.push({ rowNumber: i + 1, row });
  }
  return rows;
}

/** Reads a `.csv` or `.xlsx` file of `type` records. */
export async function readRecordFile(path: string, type: RecordType): Promise<NumberedRow[]> {
  const ext = extname(path).toLowerCase();
  let cells: string[][];
  if (ext === '.csv') {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new RecordFileError(`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    cells = parseCsv(text);
  } else if (ext === '.xlsx') {
    cells = await readXlsxCells(path);
  } else {
    throw new RecordFileError(`unsupported file type "${ext || '(none)'}": use .csv or .xlsx`);
  }
  return toRecordRows(type, cells);
}
