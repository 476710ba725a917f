/**
 * One row of a needs spreadsheet read as a person would read it: phone numbers typed every way
 * (spaces, dashes, +86, full-width digits), dates in whatever format the volunteer used, counts
 * in Chinese numerals, the category named or only described, and whether the row is marked
 * done. Pure: no I/O.
 */
import { SERVICE_CATEGORY_LABELS } from '../model/labels';
import type { Urgency } from '../model/need';
import { SERVICE_CATEGORIES, type ServiceCategory } from '../model/taxonomy';

/** ASCII digits and letters for their full-width forms (Chinese input methods type these). */
export const halfWidth = (text: string) => text.normalize('NFKC');

/**
 * A phone number as digits only: without spaces, dashes, dots, brackets and the +86 / 0086
 * country prefix. Undefined when what is left is not a phone number (7 to 12 digits).
 */
export function normalizePhone(text: string): string | undefined {
  let digits = halfWidth(text).replace(/[\s\-–—.()（）]/g, '');
  digits = digits.replace(/^(\+86|0086)/, '');
  if (/^86(1[3-9]\d{9})$/.test(digits)) digits = digits.slice(2);
  return /^\d{7,12}$/.test(digits) ? digits : undefined;
}

/** The phone numbers in a cell (several may be written in one, separated by commas, slashes or words). */
export function phonesIn(text: string): { phones: string[]; unreadable: string[] } {
  const phones: string[] = [];
  const unreadable: string[] = [];
  for (const part of halfWidth(text).split(/[,;/、，；或和]|\s{2,}|\n/)) {
    const trimmed = part.replace(/^[^\d+]+|[^\d]+$/g, '');
    if (!trimmed) continue;
    const phone = normalizePhone(trimmed);
    if (phone) phones.push(phone);
    else unreadable.push(part.trim());
  }
  return { phones, unreadable };
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** A whole number written in digits or in Chinese numerals up to 99 (三, 十二, 二十五); undefined otherwise. */
export function parseCount(text: string): number | undefined {
  const t = halfWidth(text);
  const digits = /\d+/.exec(t);
  if (digits) return Number(digits[0]);
  const cn = /([一二两三四五六七八九]?)十([一二三四五六七八九]?)|([零〇一二两三四五六七八九])/.exec(t);
  if (!cn) return undefined;
  if (cn[3]) return CN_DIGITS[cn[3]];
  return (cn[1] ? CN_DIGITS[cn[1]] : 1) * 10 + (cn[2] ? CN_DIGITS[cn[2]] : 0);
}

/**
 * When a row was reported, as an ISO time in China (+08:00): 2021/7/20 14:30, 2021-07-20T15:00,
 * 2021年7月20日 15时, 7月20日下午3点 (the year from `year`), 7-20 15:30. Undefined when unreadable.
 */
export function parseReportedAt(text: string, year: number): string | undefined {
  const t = halfWidth(text).trim();
  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[T\s]*(.*))?$/.exec(t);
  const short = /^(\d{1,2})[-/.月](\d{1,2})[日号]?(?:\s*(.*))?$/.exec(t);
  const parts = full
    ? [Number(full[1]), Number(full[2]), Number(full[3]), full[4] ?? '']
    : short
      ? [year, Number(short[1]), Number(short[2]), short[3] ?? '']
      : undefined;
  if (!parts) return undefined;
  const [y, m, d, rest] = parts as [number, number, number, string];
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const time = parseTimeOfDay(rest);
  if (time === undefined) return undefined;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${y}-${pad(m)}-${pad(d)}T${pad(time.h)}:${pad(time.m)}:00+08:00`;
}

function parseTimeOfDay(text: string): { h: number; m: number } | undefined {
  const t = text.trim();
  if (!t) return { h: 0, m: 0 };
  const clock =
    /^(凌晨|早上|上午|中午|下午|傍晚|晚上|夜里)?\s*(\d{1,2})(?:[:：时点](\d{1,2})?分?|[:：时点]半)?(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$/.exec(
      t,
    );
  if (!clock) return undefined;
  let h = Number(clock[2]);
  const m = t.includes('半') ? 30 : Number(clock[3] ?? 0);
  if (clock[1] && ['下午', '傍晚', '晚上', '夜里'].includes(clock[1]) && h < 12) h += 12;
  if (clock[1] === '中午' && h < 11) h += 12;
  return h <= 23 && m <= 59 ? { h, m } : undefined;
}

/** Words that say a row is done: the person was rescued or the need met. */
const DONE =
  /已解决|已获救|已救出|已救援|已转移|已安全|已完成|已处理|已送达|已脱险|完成|解决|获救|^done$|resolved|rescued|closed|completed/i;
/** Words that say it is not (checked first: 未解决 contains 解决). */
const NOT_DONE = /未|没|待|无人|尚未|not|pending|open/i;

/** Whether a status cell says the need is done. */
export function markedDone(status: string): boolean {
  const t = halfWidth(status).trim();
  return t !== '' && !NOT_DONE.test(t) && DONE.test(t);
}

/** A category named in a cell: its identifier, Chinese or English label. */
export function namedCategory(text: string): ServiceCategory | undefined {
  const t = halfWidth(text).trim().toLowerCase();
  if (!t) return undefined;
  return SERVICE_CATEGORIES.find(
    (c) => c === t || SERVICE_CATEGORY_LABELS[c].zh === text.trim() || SERVICE_CATEGORY_LABELS[c].en.toLowerCase() === t,
  );
}

/** Keywords of a need's text per category, checked in this order: saving lives first. */
const CATEGORY_WORDS: [ServiceCategory, RegExp][] = [
  ['search_rescue', /被困|受困|困在|救援|营救|救命|冲锋舟|皮划艇|转移|撤离|搜救|失联|rescue|trapped/i],
  ['emergency_medical', /医|药|病|受伤|伤员|透析|孕|产妇|急救|胰岛素|氧气|medical|injur|insulin/i],
  ['water_sanitation', /饮用水|喝水|矿泉水|净水|缺水|消毒|厕所|drinking water|sanitation/i],
  ['food', /食物|吃的|粮|饭|奶粉|面包|方便面|食品|food/i],
  ['shelter', /安置|住处|帐篷|避难|睡|被子|shelter|tent/i],
  ['communications', /断电|没电|充电|信号|通讯|通信|手机没电|power bank|signal/i],
  ['logistics_transport', /运输|车辆|货车|物资运送|送到|transport|truck/i],
  ['psychosocial', /心理|情绪|安抚|psycholog/i],
];

/** The category a text speaks of, by keywords; undefined when none match. */
export function categoryFromText(text: string): ServiceCategory | undefined {
  return CATEGORY_WORDS.find(([, words]) => words.test(text))?.[0];
}

const URGENCY_WORDS: [Urgency, RegExp][] = [
  ['critical', /特急|危急|紧急|生命危险|病危|快不行|critical|emergency/i],
  ['high', /急|高|high|urgent/i],
  ['low', /低|不急|low/i],
  ['medium', /中|一般|普通|medium|normal/i],
];

/** The urgency a cell names, or one a text cries out (危急, 生命危险); undefined otherwise. */
export function urgencyFrom(text: string, named: boolean): Urgency | undefined {
  const found = URGENCY_WORDS.find(([, words]) => words.test(text))?.[0];
  if (named) return found;
  return found === 'critical' ? found : undefined;
}

/** Coordinates in one cell ("34.75, 113.62", "113.62,34.75", "北纬34.75 东经113.62"), told apart by range in China. */
export function parseCoordinates(text: string): { lat: number; lon: number } | undefined {
  const numbers = (halfWidth(text).match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
  if (numbers.length !== 2) return undefined;
  const [a, b] = numbers;
  // China lies between latitudes 3° and 54° and longitudes 73° and 136°: a pair in either order is told apart.
  if (Math.abs(a) <= 90 && Math.abs(b) > 90) return checked(a, b);
  if (Math.abs(b) <= 90 && Math.abs(a) > 90) return checked(b, a);
  return checked(a, b);
}

function checked(lat: number, lon: number): { lat: number; lon: number } | undefined {
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && !(lat === 0 && lon === 0) ? { lat, lon } : undefined;
}
