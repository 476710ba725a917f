/**
 * Spreadsheets of needs as volunteers and hotlines keep them (the 2021 Henan "救命文档" and its
 * copies): whatever columns the sheet has, headed in Chinese or English. This file finds the
 * header row and proposes which need field each column holds; a coordinator confirms or
 * corrects the proposal. Pure: no I/O.
 */

/** What a column of a sheet can hold, or `ignore`. */
export const NEED_SHEET_FIELDS = [
  'number',
  'reportedAt',
  'address',
  'jurisdiction',
  'contactName',
  'contactPhone',
  'description',
  'peopleAffected',
  'status',
  'note',
  'coordinates',
  'lat',
  'lon',
  'category',
  'urgency',
  'ignore',
] as const;
export type NeedSheetField = (typeof NEED_SHEET_FIELDS)[number];

/** What became of a row of a sheet of needs. */
export const NEED_ROW_OUTCOMES = ['created', 'duplicate', 'closed', 'needs_location', 'unchanged', 'refused'] as const;
export type NeedRowOutcome = (typeof NEED_ROW_OUTCOMES)[number];

/** Fields whose text is kept as the need's description: several columns may hold them. */
export const REPEATABLE_FIELDS: readonly NeedSheetField[] = ['description', 'note', 'ignore'];

/**
 * Header words per field, most specific first: a header is matched against the fields in
 * this order, so 求助人电话 is a phone and 需求类型 a category rather than a description.
 */
const HEADER_WORDS: [Exclude<NeedSheetField, 'ignore'>, RegExp][] = [
  ['contactPhone', /电话|手机|联系方式|号码|phone|tel|mobile/],
  ['coordinates', /经纬度|坐标|定位|coordinates?|latlon|latlng|gps/],
  ['lat', /纬度|^lat(itude)?$/],
  ['lon', /经度|^(lon|lng|long|longitude)$/],
  ['peopleAffected', /人数|被困人|受困人|people|persons|headcount/],
  ['number', /序号|编号|^no\.?$|^#$|^id$|^number$|row/],
  ['reportedAt', /时间|日期|time|date|reported/],
  ['jurisdiction', /区县|区划|行政区|所属区|县区|district|county|area ?code/],
  ['address', /地点|地址|位置|住址|小区|村|address|location|place/],
  ['contactName', /求助人|联系人|姓名|名字|称呼|name|contact/],
  ['status', /状态|进展|进度|是否|status|state|progress/],
  ['note', /备注|说明|补充|remark|note|comment/],
  ['category', /类别|类型|分类|category|type/],
  ['urgency', /紧急|急迫|优先|urgen|priority/],
  ['description', /需求|情况|内容|详情|描述|求助|诉求|need|description|details|situation|request|message/],
];

const fold = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s*＊:：()（）[\]【】_-]/g, '');

/** The field a header names, or `ignore`. */
export function fieldOfHeader(header: string): NeedSheetField {
  const text = fold(header);
  if (!text) return 'ignore';
  return HEADER_WORDS.find(([, words]) => words.test(text))?.[0] ?? 'ignore';
}

/** A sheet column: its position (from 0), header, proposed or chosen field and a few of its values. */
export interface SheetColumn {
  index: number;
  header: string;
  field: NeedSheetField;
  sample: string[];
}

/** The sheet as the import keeps it: the header row's number, the columns, and the data rows. */
export interface NeedSheet {
  headerRow: number;
  columns: SheetColumn[];
  rows: { row: number; cells: string[]; struck: boolean }[];
}

const SAMPLE = 3;
const HEADER_SEARCH = 10;

/**
 * Finds the header (the first row, among the first few, with two different texts: a title row
 * merged across the sheet has one), proposes a field per column, and keeps the rows below
 * it that hold anything.
 */
export function proposeSheet(grid: { rows: { row: number; cells: string[]; struck: boolean }[] }): NeedSheet | undefined {
  const head = grid.rows.slice(0, HEADER_SEARCH).find((r) => new Set(r.cells.filter(Boolean)).size >= 2);
  if (!head) return undefined;
  const rows = grid.rows.filter((r) => r.row > head.row && r.cells.some(Boolean));
  const width = Math.max(head.cells.length, ...rows.map((r) => r.cells.length));
  const taken = new Set<NeedSheetField>();
  const columns: SheetColumn[] = [];
  for (let index = 0; index < width; index++) {
    const header = head.cells[index] ?? '';
    let field = fieldOfHeader(header);
    if (taken.has(field) && !REPEATABLE_FIELDS.includes(field)) field = 'ignore';
    taken.add(field);
    const sample = rows
      .map((r) => r.cells[index] ?? '')
      .filter(Boolean)
      .slice(0, SAMPLE);
    columns.push({ index, header, field, sample });
  }
  return { headerRow: head.row, columns, rows };
}

/** Problems with a mapping a coordinator sends: a column named twice or out of range, a field given to two columns. */
export function mappingProblems(columnCount: number, chosen: { index: number; field: NeedSheetField }[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  const fields = new Set<NeedSheetField>();
  for (const { index, field } of chosen) {
    if (index >= columnCount) problems.push(`columns: the sheet has no column ${index} (it has ${columnCount}, from 0)`);
    if (seen.has(index)) problems.push(`columns: column ${index} is given twice`);
    seen.add(index);
    if (fields.has(field) && !REPEATABLE_FIELDS.includes(field)) problems.push(`columns: ${field} is given to two columns`);
    fields.add(field);
  }
  const has = (f: NeedSheetField) => chosen.some((c) => c.field === f);
  if (!['description', 'address', 'contactPhone', 'note'].some((f) => has(f as NeedSheetField))) {
    problems.push('columns: map at least one of description, address, contactPhone or note, or a row says nothing');
  }
  if (has('lat') !== has('lon')) problems.push('columns: lat and lon go together');
  return problems;
}
