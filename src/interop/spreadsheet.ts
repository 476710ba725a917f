/** Reading and writing tables as CSV (papaparse) and XLSX (exceljs). */
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { AppError } from '../model/errors';
import { guardCell, unguardText } from './formula-guard';

export type SheetFormat = 'csv' | 'xlsx';

/**
 * A table: header names and rows keyed by them, with the row number a person sees in the file.
 * Texts are as the person meant them: the formula guard's mark is taken off on reading.
 */
export interface Table {
  headers: string[];
  rows: { row: number; values: Record<string, string> }[];
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    return '';
  }
  return String(value);
}

/**
 * A sheet as it was typed, cell by cell: no row is taken as the header, merged cells give
 * every cell they cover the merged value, dates keep their time of day (as typed: a workbook
 * has no time zone), and a row whose text is all struck through (how volunteers mark a rescued
 * person in a shared sheet) says so.
 */
export interface Grid {
  rows: { row: number; cells: string[]; struck: boolean }[];
}

function gridCellText(value: ExcelJS.CellValue): string {
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${value.getUTCFullYear()}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())}`;
    const time = value.getUTCHours() || value.getUTCMinutes() ? ` ${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}` : '';
    return day + time;
  }
  return cellText(value);
}

/** CSV text as Excel saves it: UTF-8 (with or without a byte-order mark) or, from Chinese Windows, GBK. */
export function decodeCsv(content: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    // GB 18030 is a superset of GBK and GB 2312.
    return new TextDecoder('gb18030').decode(content);
  }
}

/** Reads every cell of the first sheet of an XLSX workbook or of a CSV file. */
export async function readGrid(content: Buffer, format: SheetFormat = sniffFormat(content)): Promise<Grid> {
  const rows: Grid['rows'] = [];
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new AppError('invalid_input', { field: 'file', detail: 'the file is not a readable XLSX workbook' });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new AppError('invalid_input', { field: 'file', detail: 'the workbook has no sheet' });
    for (let r = 1; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const cells: string[] = [];
      let filled = 0;
      let struck = 0;
      for (let c = 1; c <= sheet.columnCount; c++) {
        const cell = row.getCell(c);
        cells.push(readCell(gridCellText(cell.value)));
        if (cells[c - 1]) {
          filled++;
          if (cell.font?.strike) struck++;
        }
      }
      rows.push({ row: r, cells, struck: filled > 0 && struck === filled });
    }
    return { rows };
  }
  const parsed = Papa.parse<string[]>(decodeCsv(content), { skipEmptyLines: false });
  parsed.data.forEach((cells, i) => {
    rows.push({ row: i + 1, cells: cells.map(readCell), struck: false });
  });
  return { rows };
}

/** A cell's text without the formula guard's mark and the spaces around it. */
const readCell = (text: string) => unguardText(text).trim();

/** Whether a file looks like XLSX (a ZIP archive) rather than text. */
export function sniffFormat(content: Buffer): SheetFormat {
  return content.length >= 4 && content[0] === 0x50 && content[1] === 0x4b ? 'xlsx' : 'csv';
}

export async function readTable(content: Buffer, format: SheetFormat = sniffFormat(content)): Promise<Table> {
  if (format === 'xlsx') {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(content as unknown as ArrayBuffer);
    } catch {
      throw new AppError('invalid_input', { field: 'file', detail: 'the file is not a readable XLSX workbook' });
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new AppError('invalid_input', { field: 'file', detail: 'the workbook has no sheet' });
    const headers: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
      headers[col - 1] = readCell(cellText(cell.value));
    });
    const rows: Table['rows'] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const values: Record<string, string> = {};
      headers.forEach((h, i) => {
        if (h) values[h] = readCell(cellText(row.getCell(i + 1).value));
      });
      if (Object.values(values).some(Boolean)) rows.push({ row: r, values });
    }
    return { headers: headers.filter(Boolean), rows };
  }
  const text = content.toString('utf8').replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const [head = [], ...body] = parsed.data;
  const headers = head.map(readCell);
  const rows: Table['rows'] = [];
  body.forEach((cells, i) => {
    const values: Record<string, string> = {};
    headers.forEach((h, c) => {
      if (h) values[h] = readCell(cells[c] ?? '');
    });
    if (Object.values(values).some(Boolean)) rows.push({ row: i + 2, values });
  });
  return { headers: headers.filter(Boolean), rows };
}

/**
 * Writes one sheet; CSV gets a byte-order mark so that Excel opens Chinese text correctly.
 * Every text cell goes through the formula guard: the file is opened in a spreadsheet.
 */
export async function writeTable(
  format: SheetFormat,
  sheetName: string,
  headerTexts: string[],
  rowValues: (string | number | null)[][],
  noteTexts: string[] = [],
): Promise<Buffer> {
  const headers = headerTexts.map(guardCell);
  const rows = rowValues.map((r) => r.map(guardCell));
  const notes = noteTexts.map(guardCell);
  if (format === 'csv') {
    return Buffer.from(`\uFEFF${Papa.unparse({ fields: headers, data: rows.map((r) => r.map((v) => v ?? '')) })}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow(headers).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => v ?? ''));
  sheet.columns.forEach((column) => {
    column.width = 18;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  if (notes.length) {
    const help = workbook.addWorksheet('说明');
    for (const note of notes) help.addRow([note]);
    help.getColumn(1).width = 100;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
