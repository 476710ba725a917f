/**
 * A real-looking "救命文档" for the tests: a few hundred rows of help requests as volunteers
 * kept them in the Henan floods of 2021 — a title row merged across the sheet, district cells
 * merged over several rows, blank rows, dates in four formats (and as Excel dates), phones
 * with spaces, dashes, +86 and full-width digits, rows pasted twice, the same caller twice
 * in other words, rows marked 已获救/已解决 or struck through, coordinates for some rows in
 * either order, and a few rows nobody can read. Each row carries what the import should make
 * of it, decided by how the row was written (not by running the import).
 */
import ExcelJS from 'exceljs';

export const SHEET_HEADERS = ['序号', '时间', '区县', '地点', '求助人', '电话', '需求/情况', '人数', '状态', '备注', '经纬度'];

export type Expected = 'created' | 'duplicate' | 'closed' | 'needs_location' | 'unchanged' | 'refused';

export interface SheetRow {
  /** Position among the data rows as written (before blank rows are put in). */
  cells: (string | Date)[];
  expected: Expected;
  /** For a row pasted twice: the number of the row it repeats. */
  copyOf?: number;
  struck?: boolean;
  phone: string | null;
}

const DISTRICTS = ['金水区', '二七区', '中原区', '管城回族区', '惠济区'];
const STREETS = ['经三路', '农业路', '航海路', '大学路', '紫荆山路', '京广路', '中州大道'];
const WORDS = [
  '被困二楼，水已到一楼顶，老人行动不便',
  '小区断电断水，需要饮用水和食物',
  '孕妇临产，需要转移就医',
  '家中有透析病人，急需送医',
  '一家人困在车库出口，手机快没电',
  '地下室进水，需要抽水设备',
  '独居老人联系不上，请帮忙看看',
];
const FULL = '０１２３４５６７８９';

/** The phone of data row i as digits, and as a volunteer typed it. */
export function phoneOf(i: number): { digits: string; typed: string } {
  const digits = `138${String(10_000_000 + i * 7919).slice(-8)}`;
  const typed = [
    `${digits.slice(0, 3)} ${digits.slice(3, 7)} ${digits.slice(7)}`,
    `${digits.slice(0, 3)}-${digits.slice(3, 7)}-${digits.slice(7)}`,
    `+86 ${digits}`,
    [...digits].map((d) => FULL[Number(d)]).join(''),
    digits,
  ][i % 5];
  return { digits, typed };
}

function timeOf(i: number): string | Date {
  const hour = 8 + (i % 12);
  switch (i % 4) {
    case 0:
      return `2021/7/20 ${hour}:30`;
    case 1:
      return `7月20日${hour > 12 ? `下午${hour - 12}` : `上午${hour}`}点`;
    case 2:
      return `2021-07-20T${String(hour).padStart(2, '0')}:00`;
    default:
      return new Date(Date.UTC(2021, 6, 21, hour, 15));
  }
}

/** Whether data row i is written as done in version `v` of the sheet (by its status, or struck through). */
const doneIn = (i: number, v: number) =>
  i % 10 === 3 || struckIn(i) || (v >= 2 && i % 10 === 5 && i % 40 !== 11 && i % 50 !== 29);
const struckIn = (i: number) => i % 45 === 44;

/** Coordinates of every third row, on a grid of about 1.7 km so that no two are taken for one place. */
function coordinatesOf(i: number): string {
  if (i % 3 !== 0) return '';
  const k = i / 3;
  const lat = (34.55 + (k % 10) * 0.015).toFixed(5);
  const lon = (113.45 + Math.floor(k / 10) * 0.02).toFixed(5);
  return i % 2 ? `${lat}, ${lon}` : `${lon},${lat}`;
}

/** Data rows of version `v`: 300 rows, and version 2 adds 20 more and marks some rows done. */
export function sheetRows(v: 1 | 2): SheetRow[] {
  const count = v === 1 ? 300 : 320;
  const rows: SheetRow[] = [];
  const v1 =
    v === 2
      ? new Map(sheetRows(1).flatMap((r) => (r.copyOf === undefined ? [[Number(r.cells[0]), r.expected] as const] : [])))
      : undefined;
  for (let i = 1; i <= count; i++) {
    const district = DISTRICTS[Math.floor(i / 5) % DISTRICTS.length];
    const sameCaller = i % 25 === 7;
    const { digits, typed } = phoneOf(sameCaller ? i - 1 : i);
    let phoneCell = typed;
    let coordinates = coordinatesOf(i);
    let expected: Expected;
    const done = doneIn(i, v);
    if (i % 40 === 11) {
      phoneCell = '见备注';
      expected = 'refused';
    } else if (i % 50 === 29) {
      coordinates = '火星基地';
      expected = 'refused';
    } else if (done) expected = 'closed';
    // The same caller again, unless their first row was refused (then nothing holds the phone yet).
    else if ((sameCaller && (i - 1) % 40 !== 11) || i === 2) expected = 'duplicate';
    else expected = coordinates ? 'created' : 'needs_location';
    const before = v1?.get(i);
    if (before) expected = before === 'refused' ? 'refused' : done && !doneIn(i, 1) ? 'closed' : 'unchanged';
    const struck = struckIn(i);
    const status = done && !struck ? (i % 20 === 3 ? '已获救' : '已解决') : i % 7 === 0 ? '未解决' : i % 11 === 0 ? '待救援' : '';
    const words = sameCaller ? `（再次求助）${WORDS[(i + 3) % WORDS.length]}` : WORDS[i % WORDS.length];
    rows.push({
      cells: [
        String(i),
        timeOf(i),
        district,
        `郑州市${district}${STREETS[i % STREETS.length]}${i}号`,
        `求助人${i}`,
        phoneCell,
        `${words}（第${i}条）`,
        i % 4 === 0 ? `${(i % 5) + 1}人` : i % 4 === 1 ? '三人' : '',
        status,
        i % 6 === 0 ? '志愿者已电话确认' : '',
        coordinates,
      ],
      expected,
      struck,
      phone: phoneCell === '见备注' ? null : digits,
    });
    if (i % 60 === 15) {
      // The same entry pasted twice (same number, same words): the same row, made into one need.
      rows.push({ cells: [...rows[rows.length - 1].cells], expected: 'unchanged', copyOf: i, phone: digits });
    }
  }
  return rows;
}

/** The sheet as an XLSX workbook, and the sheet row number each data row lands on. */
export async function messySheet(v: 1 | 2): Promise<{ file: Buffer; rows: (SheetRow & { sheetRow: number })[] }> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('求助信息');
  sheet.addRow(['河南暴雨求助信息汇总（请勿删除他人信息）']);
  sheet.mergeCells(1, 1, 1, SHEET_HEADERS.length);
  sheet.addRow(SHEET_HEADERS);
  const placed: (SheetRow & { sheetRow: number })[] = [];
  let block: number[] = [];
  const mergeBlock = () => {
    // District cells merged over runs of rows of one district, as people format such sheets.
    for (let start = 0; start < block.length; ) {
      let end = start;
      const value = sheet.getCell(block[start], 3).value;
      while (end + 1 < block.length && block[end + 1] === block[end] + 1 && sheet.getCell(block[end + 1], 3).value === value)
        end++;
      if (end > start) {
        for (let r = block[start] + 1; r <= block[end]; r++) sheet.getCell(r, 3).value = null;
        sheet.mergeCells(block[start], 3, block[end], 3);
      }
      start = end + 1;
    }
    block = [];
  };
  for (const [n, row] of sheetRows(v).entries()) {
    if (n > 0 && n % 30 === 0) {
      mergeBlock();
      sheet.addRow([]);
    }
    const added = sheet.addRow(row.cells);
    if (row.struck) added.font = { strike: true };
    block.push(added.number);
    placed.push({ ...row, sheetRow: added.number });
  }
  mergeBlock();
  return { file: Buffer.from(await workbook.xlsx.writeBuffer()), rows: placed };
}

/** Text as GBK bytes, as Excel on Chinese Windows saves a CSV (built from the decoder's own table). */
export function toGbk(text: string): Buffer {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gbk');
  for (let a = 0x81; a <= 0xfe; a++) {
    for (let b = 0x40; b <= 0xfe; b++) {
      if (b === 0x7f) continue;
      const c = decoder.decode(Uint8Array.of(a, b));
      if (c.length === 1 && c !== '\uFFFD' && !table.has(c)) table.set(c, [a, b]);
    }
  }
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.codePointAt(0) as number;
    if (code < 0x80) bytes.push(code);
    else {
      const found = table.get(c);
      if (!found) throw new Error(`no GBK code for ${c}`);
      bytes.push(...found);
    }
  }
  return Buffer.from(bytes);
}
