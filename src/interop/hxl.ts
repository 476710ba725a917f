/**
 * HXL 1.1 (Humanitarian Exchange Language; STANDARDS.md): hashtag specs, finding the hashtag
 * row, the 3W/4W table as HXL-tagged rows, and a partner's HXL 3W rows read back into
 * activities. Pure: no I/O (the CSV/XLSX grid comes from ./spreadsheet.ts).
 */
import type { ActivityRow } from '../analysis/who-what-where';
import { categoryOfCluster, clusterOf, parseCluster } from '../model/clusters';
import { checkCreditCode } from '../model/credit-code';
import { containingCodes, findJurisdiction, isWithin, levelOf } from '../model/jurisdictions';
import { SERVICE_CATEGORY_LABELS } from '../model/labels';
import { PROGRAM_KINDS } from '../model/program';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../model/taxonomy';

/** A hashtag spec: `#tag` and its attributes (`+name`), lower-cased; attribute order does not matter. */
export interface HashtagSpec {
  tag: string;
  attributes: string[];
}

const NAME = '[A-Za-z][A-Za-z0-9_]*';
const SPEC = new RegExp(`^\\s*#(${NAME})((?:\\s*\\+\\s*${NAME})*)\\s*$`);

/** The spec a cell holds, or undefined when it is not a valid hashtag spec. Tags and attributes are case-insensitive. */
export function parseHashtag(text: string): HashtagSpec | undefined {
  const match = SPEC.exec(text);
  if (!match) return undefined;
  const attributes = (match[2] ?? '')
    .split('+')
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);
  return { tag: (match[1] as string).toLowerCase(), attributes: [...new Set(attributes)] };
}

/**
 * The index of the hashtag row: the first row with a non-empty cell in which every non-empty
 * cell is a valid hashtag spec (the human header rows above it, and the data below, are not).
 * -1 when there is none.
 */
export function findHashtagRow(rows: readonly (readonly string[])[]): number {
  return rows.findIndex((cells) => {
    const filled = cells.map((c) => c.trim()).filter(Boolean);
    return filled.length > 0 && filled.every((c) => parseHashtag(c) !== undefined);
  });
}

/** Whether a column's spec matches a pattern such as `#org+code`: same tag, and every attribute of the pattern (others allowed). */
export function matchesPattern(spec: HashtagSpec, pattern: string): boolean {
  const wanted = parseHashtag(pattern);
  if (!wanted) throw new Error(`not a hashtag pattern: ${pattern}`);
  return spec.tag === wanted.tag && wanted.attributes.every((a) => spec.attributes.includes(a));
}

/** The first column whose spec matches the pattern and has none of the excluded attributes, or -1. */
export function columnOf(specs: readonly (HashtagSpec | undefined)[], pattern: string, exclude: readonly string[] = []): number {
  return specs.findIndex((s) => s !== undefined && matchesPattern(s, pattern) && !exclude.some((a) => s.attributes.includes(a)));
}

// ---------------------------------------------------------------------------------------------
// The 3W table as HXL

/** The columns of the exported 3W table: a human header (Chinese) and its hashtag spec. */
export const HXL_3W_COLUMNS = [
  ['组织名称', '#org+name'],
  ['统一社会信用代码', '#org+code'],
  ['IASC 行业组', '#sector+cluster'],
  ['活动类别代码', '#activity+code'],
  ['活动类别', '#activity+name'],
  ['来源', '#meta+source'],
  ['省级代码', '#adm1+code'],
  ['地市代码', '#adm2+code'],
  ['区县代码', '#adm3+code'],
  ['地点', '#loc+name'],
  ['开始日期', '#date+start'],
  ['结束日期', '#date+end'],
  ['活动次数', '#x_activities+num'],
  ['受益人数', '#reached+ind'],
  ['纬度', '#geo+lat'],
  ['经度', '#geo+lon'],
] as const;

export const HXL_3W_HEADERS: string[] = HXL_3W_COLUMNS.map(([h]) => h);
export const HXL_3W_TAGS: string[] = HXL_3W_COLUMNS.map(([, t]) => t);

/** A category's or a program kind's Chinese name (the code itself when it is neither). */
function whatLabel(what: string): string {
  return (SERVICE_CATEGORY_LABELS as Record<string, { zh: string }>)[what]?.zh ?? what;
}

/** The province, city and county codes of a place (GB/T 2260), each null above the place's level. */
export function adminCodes(code: string): [string | null, string | null, string | null] {
  const level = levelOf(code);
  const [province = null, city = null] = containingCodes(code);
  if (level === 'province') return [code, null, null];
  if (level === 'city') return [province, code, null];
  return [province, city, code];
}

const lastDayOfMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
};

export interface HxlExportContext {
  from: string;
  to: string;
  /** Credit codes of platform organizations the reader may see (by id). */
  creditCodes: ReadonlyMap<string, string>;
  /** Where each place's activity lies, at the precision every reader of the figure may see. */
  places: ReadonlyMap<string, { name: string; lat: number | null; lon: number | null }>;
}

/** One 3W row as an HXL data row, in the order of HXL_3W_COLUMNS. A month's row runs over its days inside the period. */
export function activityToHxlRow(row: ActivityRow, context: HxlExportContext): (string | number | null)[] {
  const [adm1, adm2, adm3] = adminCodes(row.where);
  const place = context.places.get(row.where);
  const first = `${row.when}-01`;
  const last = lastDayOfMonth(row.when);
  const creditCode = row.external
    ? row.organizationId.startsWith('external:') && checkCreditCode(row.organizationId.slice(9)).ok
      ? row.organizationId.slice(9)
      : null
    : (context.creditCodes.get(row.organizationId) ?? null);
  const cluster = (SERVICE_CATEGORIES as readonly string[]).includes(row.what) ? clusterOf(row.what as ServiceCategory) : null;
  return [
    row.name,
    creditCode,
    cluster,
    row.what,
    whatLabel(row.what),
    row.external ? 'external' : row.source,
    adm1,
    adm2,
    adm3,
    place?.name ?? findJurisdiction(row.where)?.name ?? null,
    [first, context.from].sort()[1],
    [last, context.to].sort()[0],
    row.count,
    row.reached,
    place?.lat ?? null,
    place?.lon ?? null,
  ];
}

// ---------------------------------------------------------------------------------------------
// A partner's 3W table read back

export interface RowProblem {
  field: string;
  message: string;
}

/** One activity as read from a partner's row. */
export interface HxlActivity {
  organizationName: string;
  creditCode: string | null;
  /** A service category or a program kind. */
  what: string;
  activity: string | null;
  /** The most precise GB/T 2260 code given. */
  jurisdiction: string;
  startsOn: string;
  endsOn: string | null;
  count: number;
  reached: number | null;
  lat: number | null;
  lon: number | null;
}

/** Where each field is read from: the column index of the first matching hashtag (-1 when absent). */
export interface HxlColumns {
  orgName: number;
  orgCode: number;
  sector: number;
  activityCode: number;
  activityName: number;
  adm1: number;
  adm2: number;
  adm3: number;
  start: number;
  end: number;
  count: number;
  reached: number;
  lat: number;
  lon: number;
}

/** Finds the columns the import reads among the hashtag row's specs. */
export function hxlColumns(hashtagRow: readonly string[]): HxlColumns {
  const specs = hashtagRow.map((c) => (c.trim() ? parseHashtag(c) : undefined));
  const first = (...patterns: [string, string[]?][]) => {
    for (const [p, exclude] of patterns) {
      const i = columnOf(specs, p, exclude);
      if (i >= 0) return i;
    }
    return -1;
  };
  return {
    orgName: first(['#org+name'], ['#org', ['code', 'type', 'id']]),
    orgCode: first(['#org+code'], ['#org+id']),
    sector: first(['#sector+cluster'], ['#sector', ['code']]),
    activityCode: first(['#activity+code']),
    activityName: first(['#activity+name'], ['#activity', ['code', 'num']]),
    adm1: first(['#adm1+code']),
    adm2: first(['#adm2+code']),
    adm3: first(['#adm3+code']),
    start: first(['#date+start'], ['#date', ['end', 'reported']]),
    end: first(['#date+end']),
    count: first(['#x_activities+num']),
    reached: first(['#reached+ind'], ['#reached', ['hh']]),
    lat: first(['#geo+lat']),
    lon: first(['#geo+lon']),
  };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A day written YYYY-MM-DD (or YYYY/MM/DD) that exists, or undefined. */
function parseDay(text: string): string | undefined {
  const t = text.trim().replace(/\//g, '-').slice(0, 10);
  if (!DAY.test(t)) return undefined;
  const time = Date.parse(`${t}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === t ? t : undefined;
}

function lookupWhat(text: string): string | undefined {
  const t = text.trim();
  const lower = t.toLowerCase();
  if ((SERVICE_CATEGORIES as readonly string[]).includes(lower) || (PROGRAM_KINDS as readonly string[]).includes(lower)) {
    return lower;
  }
  return SERVICE_CATEGORIES.find(
    (c) => SERVICE_CATEGORY_LABELS[c].zh === t || SERVICE_CATEGORY_LABELS[c].en.toLowerCase() === lower,
  );
}

const TEXT_LIMIT = 200;

/** Reads one data row into an activity, or the problems that keep it out. */
export function hxlRowToActivity(
  cells: readonly string[],
  columns: HxlColumns,
): { activity?: HxlActivity; problems: RowProblem[] } {
  const get = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
  const problems: RowProblem[] = [];

  const organizationName = get(columns.orgName);
  if (!organizationName) problems.push({ field: '#org+name', message: '组织名称不能为空' });
  else if (organizationName.length > TEXT_LIMIT)
    problems.push({ field: '#org+name', message: `组织名称过长（最多 ${TEXT_LIMIT} 字）` });

  let creditCode: string | null = null;
  if (get(columns.orgCode)) {
    const checked = checkCreditCode(get(columns.orgCode));
    if (checked.ok) creditCode = checked.code;
    else problems.push({ field: '#org+code', message: `统一社会信用代码无效：${get(columns.orgCode)}` });
  }

  // What: the category's code, else its name, else the cluster's first category.
  let what = get(columns.activityCode) ? lookupWhat(get(columns.activityCode)) : undefined;
  if (!what && get(columns.activityName)) what = lookupWhat(get(columns.activityName));
  if (!what && get(columns.sector)) {
    const cluster = parseCluster(get(columns.sector));
    what = cluster ? categoryOfCluster(cluster) : undefined;
  }
  if (!what) {
    const given = get(columns.sector) || get(columns.activityCode) || get(columns.activityName);
    problems.push({
      field: '#sector',
      message: given ? `不认识的行业组或活动类别：${given}` : '缺少行业组（#sector）或活动类别（#activity）',
    });
  }
  const activityName = get(columns.activityName);
  if (activityName.length > TEXT_LIMIT)
    problems.push({ field: '#activity+name', message: `活动名称过长（最多 ${TEXT_LIMIT} 字）` });

  // Where: the most precise code given; every code known and inside the ones above it.
  const codes: [string, string][] = [
    ['#adm1+code', get(columns.adm1)],
    ['#adm2+code', get(columns.adm2)],
    ['#adm3+code', get(columns.adm3)],
  ];
  let jurisdiction: string | undefined;
  for (const [field, code] of codes) {
    if (!code) continue;
    if (!findJurisdiction(code)) {
      problems.push({ field, message: `不是 GB/T 2260 区划代码：${code}` });
      jurisdiction = undefined;
      break;
    }
    if (jurisdiction && !isWithin(code, jurisdiction)) {
      problems.push({ field, message: `${code} 不在 ${jurisdiction} 之内` });
      jurisdiction = undefined;
      break;
    }
    jurisdiction = code;
  }
  if (!codes.some(([, c]) => c))
    problems.push({ field: '#adm1+code', message: '缺少区划代码（#adm1+code、#adm2+code 或 #adm3+code）' });

  const startsOn = parseDay(get(columns.start));
  if (!get(columns.start)) problems.push({ field: '#date+start', message: '缺少开始日期' });
  else if (!startsOn) problems.push({ field: '#date+start', message: `日期应写作 YYYY-MM-DD：${get(columns.start)}` });
  let endsOn: string | null = null;
  if (get(columns.end)) {
    const day = parseDay(get(columns.end));
    if (!day) problems.push({ field: '#date+end', message: `日期应写作 YYYY-MM-DD：${get(columns.end)}` });
    else if (startsOn && day < startsOn) problems.push({ field: '#date+end', message: '结束日期早于开始日期' });
    else endsOn = day;
  }

  const integer = (field: string, i: number, fallback: number | null): number | null | undefined => {
    const text = get(i).replace(/,/g, '');
    if (!text) return fallback;
    const n = Number(text);
    if (Number.isSafeInteger(n) && n >= 0) return n;
    problems.push({ field, message: `应为非负整数：${get(i)}` });
    return undefined;
  };
  const count = integer('#x_activities+num', columns.count, 1);
  if (count === 0) problems.push({ field: '#x_activities+num', message: '活动次数应至少为 1' });
  const reached = integer('#reached+ind', columns.reached, null);

  const coordinate = (field: string, i: number, limit: number): number | null | undefined => {
    if (!get(i)) return null;
    const n = Number(get(i));
    if (Number.isFinite(n) && Math.abs(n) <= limit) return n;
    problems.push({ field, message: `坐标超出范围：${get(i)}` });
    return undefined;
  };
  const lat = coordinate('#geo+lat', columns.lat, 90);
  const lon = coordinate('#geo+lon', columns.lon, 180);
  if (lat !== undefined && lon !== undefined && (lat === null) !== (lon === null)) {
    problems.push({ field: '#geo', message: '纬度和经度需同时填写' });
  }

  if (problems.length || !what || !jurisdiction || !startsOn || !count) return { problems };
  return {
    problems,
    activity: {
      organizationName,
      creditCode,
      what,
      activity: activityName || null,
      jurisdiction,
      startsOn,
      endsOn,
      count,
      reached: reached ?? null,
      lat: lat ?? null,
      lon: lon ?? null,
    },
  };
}

/** The columns the import cannot do without, by the pattern a partner's hashtag row must contain. */
export function missingHxlColumns(columns: HxlColumns): string[] {
  const missing: string[] = [];
  if (columns.orgName < 0) missing.push('#org+name');
  if (columns.sector < 0 && columns.activityCode < 0 && columns.activityName < 0) missing.push('#sector');
  if (columns.adm1 < 0 && columns.adm2 < 0 && columns.adm3 < 0) missing.push('#adm1+code');
  if (columns.start < 0) missing.push('#date+start');
  return missing;
}
