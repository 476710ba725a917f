/**
 * The roster of social emergency forces as coordinators keep it in spreadsheets: Chinese
 * headers, Chinese labels or identifiers in the cells. Maps rows to organization input and
 * organizations back to rows. Pure: no I/O.
 */
import { ORGANIZATION_KIND_LABELS, PHASE_LABELS, SERVICE_CATEGORY_LABELS, STRATEGY_LABELS } from '../model/labels';
import {
  ORGANIZATION_KINDS,
  type Organization,
  type OrganizationFields,
  type OrganizationInput,
  type OrganizationKind,
} from '../model/organization';
import { cellKey, type FunctionCell, PHASES, SERVICE_CATEGORIES, type ServiceCategory, STRATEGIES } from '../model/taxonomy';

export const ROSTER_COLUMNS = {
  name: '组织名称',
  nameEn: '英文名称',
  kind: '组织类型',
  creditCode: '统一社会信用代码',
  supervisingAgency: '业务主管单位',
  jurisdictions: '服务区域代码',
  lat: '驻地纬度',
  lon: '驻地经度',
  cells: '功能坐标',
  serviceCategories: '服务类别',
} as const;

type Column = keyof typeof ROSTER_COLUMNS;
export const ROSTER_HEADERS: string[] = Object.values(ROSTER_COLUMNS);

export const ROSTER_NOTES = [
  '每行一个组织；带 * 的列必填：组织名称、组织类型、服务区域代码。',
  `组织类型填写：${ORGANIZATION_KINDS.map((k) => ORGANIZATION_KIND_LABELS[k].zh).join('、')}。`,
  '服务区域代码：GB/T 2260 六位行政区划代码，多个用分号分隔，第一个为属地（如 410102;410100）。',
  `功能坐标：介入策略·管理阶段，多个用分号分隔（如 行动介入·危机管理;技术介入·风险管理）。`,
  `服务类别：${SERVICE_CATEGORIES.map((c) => SERVICE_CATEGORY_LABELS[c].zh).join('、')}，多个用分号分隔。`,
  '驻地坐标为 WGS 84 经纬度（可留空）。再次导入同一文件会更新而不会重复：按信用代码匹配，否则按名称加属地匹配。',
];

export interface RowProblem {
  field: string;
  message: string;
}

const SPLIT = /[;；,，、\n]+/;
const list = (text: string | undefined) =>
  (text ?? '')
    .split(SPLIT)
    .map((s) => s.trim())
    .filter(Boolean);

function lookup<T extends string>(ids: readonly T[], labels: Record<T, { zh: string; en: string }>, text: string): T | undefined {
  const t = text.trim().toLowerCase();
  return ids.find((id) => id === t || labels[id].zh === text.trim() || labels[id].en.toLowerCase() === t);
}

function parseCell(text: string): FunctionCell | undefined {
  const [a, b] = text.split(/[·:：\-—/\s]+/).filter(Boolean);
  if (!a || !b) return undefined;
  const strategy = lookup(STRATEGIES, STRATEGY_LABELS, a);
  const phase = lookup(PHASES, PHASE_LABELS, b);
  return strategy && phase ? { strategy, phase } : undefined;
}

function parseNumber(text: string | undefined, min: number, max: number): number | null | undefined {
  if (!text) return null;
  const n = Number(text);
  return Number.isFinite(n) && n >= min && n <= max ? n : undefined;
}

/** Reads one row into organization input, or the problems that keep it out. */
export function rosterRowToInput(values: Record<string, string>): { input?: OrganizationInput; problems: RowProblem[] } {
  const get = (c: Column) => values[ROSTER_COLUMNS[c]] ?? values[`${ROSTER_COLUMNS[c]}*`] ?? '';
  const problems: RowProblem[] = [];
  const need = (c: Column) => {
    if (!get(c)) problems.push({ field: c, message: `${ROSTER_COLUMNS[c]}不能为空` });
  };
  need('name');
  need('kind');
  need('jurisdictions');

  const kind = get('kind') ? lookup(ORGANIZATION_KINDS, ORGANIZATION_KIND_LABELS, get('kind')) : undefined;
  if (get('kind') && !kind) problems.push({ field: 'kind', message: `不认识的组织类型：${get('kind')}` });

  const jurisdictions = list(get('jurisdictions'));
  const malformed = jurisdictions.filter((c) => !/^\d{6}$/.test(c));
  if (malformed.length) problems.push({ field: 'jurisdictions', message: `区划代码应为六位数字：${malformed.join('、')}` });

  const cells: FunctionCell[] = [];
  for (const text of list(get('cells'))) {
    const cell = parseCell(text);
    if (cell) cells.push(cell);
    else problems.push({ field: 'cells', message: `不认识的功能坐标：${text}` });
  }
  const serviceCategories: ServiceCategory[] = [];
  for (const text of list(get('serviceCategories'))) {
    const category = lookup(SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, text);
    if (category) serviceCategories.push(category);
    else problems.push({ field: 'serviceCategories', message: `不认识的服务类别：${text}` });
  }

  const lat = parseNumber(get('lat'), -90, 90);
  const lon = parseNumber(get('lon'), -180, 180);
  if (lat === undefined) problems.push({ field: 'base/lat', message: `纬度应在 -90 到 90 之间：${get('lat')}` });
  if (lon === undefined) problems.push({ field: 'base/lon', message: `经度应在 -180 到 180 之间：${get('lon')}` });
  if ((lat === null) !== (lon === null) && lat !== undefined && lon !== undefined) {
    problems.push({ field: 'base', message: '纬度和经度需同时填写' });
  }

  if (problems.length || !kind) return { problems };
  return {
    problems,
    input: {
      kind: kind as OrganizationKind,
      name: get('name'),
      nameEn: get('nameEn') || null,
      creditCode: get('creditCode') || null,
      supervisingAgency: get('supervisingAgency') || null,
      jurisdictions,
      base: typeof lat === 'number' && typeof lon === 'number' ? { lat, lon } : null,
      capabilities: { cells, serviceCategories },
    },
  };
}

/** One organization as a roster row, in the column order of ROSTER_HEADERS. */
export function organizationToRosterRow(org: Organization): (string | number | null)[] {
  return [
    org.name,
    org.nameEn,
    ORGANIZATION_KIND_LABELS[org.kind].zh,
    org.creditCode,
    org.supervisingAgency,
    org.jurisdictions.join(';'),
    org.base?.lat ?? null,
    org.base?.lon ?? null,
    org.capabilities.cells.map((c) => `${STRATEGY_LABELS[c.strategy].zh}·${PHASE_LABELS[c.phase].zh}`).join(';'),
    org.capabilities.serviceCategories.map((c) => SERVICE_CATEGORY_LABELS[c].zh).join(';'),
  ];
}

/** Whether an import row would change nothing on an existing organization. */
export function sameRosterContent(org: Organization, input: OrganizationFields): boolean {
  const cells = (c: FunctionCell[]) => c.map(cellKey).join(',');
  return (
    org.name === input.name &&
    org.kind === input.kind &&
    org.nameEn === input.nameEn &&
    org.creditCode === input.creditCode &&
    org.supervisingAgency === input.supervisingAgency &&
    org.jurisdictions.join(';') === input.jurisdictions.join(';') &&
    JSON.stringify(org.base) === JSON.stringify(input.base) &&
    cells(org.capabilities.cells) === cells(input.capabilities.cells) &&
    org.capabilities.serviceCategories.join(',') === input.capabilities.serviceCategories.join(',')
  );
}
