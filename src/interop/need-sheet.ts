/**
 * A row of a needs spreadsheet, through the column mapping a coordinator confirmed, as what a
 * need is made of — or the field and reason that keep it out. Free text is kept: every
 * description and note column, and whatever could not be read into a field, goes into the
 * description. Pure: no I/O.
 */
import type { Urgency } from '../model/need';
import type { ServiceCategory } from '../model/taxonomy';
import type { NeedSheetField } from './need-sheet-mapping';
import {
  categoryFromText,
  markedDone,
  namedCategory,
  parseCoordinates,
  parseCount,
  parseReportedAt,
  phonesIn,
  urgencyFrom,
} from './need-sheet-row';

export interface RowProblem {
  field: string;
  message: string;
}

/** What a row says, read. */
export interface SheetNeed {
  /** The sheet's own number of the row, when a column holds it. */
  number: string | null;
  reportedAt: string | null;
  address: string | null;
  /** Text of a column naming the area (a GB/T 2260 code or a place name). */
  area: string | null;
  contactName: string | null;
  contactPhone: string | null;
  description: string | null;
  /** The row's own words (its description columns), for its identity when it has no number. */
  text: string;
  peopleAffected: number | null;
  done: boolean;
  status: string | null;
  place: { lat: number; lon: number } | null;
  /** Named in a category column, or told by keywords; null when neither. */
  category: ServiceCategory | null;
  urgency: Urgency;
}

/** Reads one row; `year` dates a time written without one (7月20日下午3点). */
export function readSheetNeed(
  cells: readonly string[],
  columns: readonly { index: number; field: NeedSheetField; header: string }[],
  context: { year: number; struck: boolean },
): { need?: SheetNeed; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const all = (field: NeedSheetField) =>
    columns.filter((c) => c.field === field).map((c) => ({ header: c.header, text: (cells[c.index] ?? '').trim() }));
  const one = (field: NeedSheetField) => all(field).find((c) => c.text)?.text ?? '';
  const kept: string[] = [];
  const keep = (label: string, text: string) => {
    if (text) kept.push(label ? `${label}：${text}` : text);
  };

  const text = all('description')
    .map((c) => c.text)
    .filter(Boolean)
    .join('；');
  keep('', text);
  for (const note of all('note')) keep(note.header, note.text);

  let contactPhone: string | null = null;
  const phoneText = one('contactPhone');
  if (phoneText) {
    const { phones, unreadable } = phonesIn(phoneText);
    if (phones.length === 0) problems.push({ field: 'contactPhone', message: `电话号码无法识别：${phoneText}` });
    contactPhone = phones[0] ?? null;
    if (phones.length > 1) keep('其他电话', phones.slice(1).join('、'));
    if (phones.length && unreadable.length) keep('电话备注', unreadable.join(' '));
  }

  let place: { lat: number; lon: number } | null = null;
  const coordinates = one('coordinates');
  if (coordinates) {
    place = parseCoordinates(coordinates) ?? null;
    if (!place) problems.push({ field: 'coordinates', message: `经纬度无法识别：${coordinates}` });
  }
  const [latText, lonText] = [one('lat'), one('lon')];
  if (!place && (latText || lonText)) {
    const [lat, lon] = [Number(latText), Number(lonText)];
    if (latText && lonText && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 && Number.isFinite(lat + lon)) place = { lat, lon };
    else problems.push({ field: latText ? 'lon' : 'lat', message: `纬度和经度需同时填写且在范围内：${latText} ${lonText}` });
  }

  const reportedText = one('reportedAt');
  const reportedAt = reportedText ? (parseReportedAt(reportedText, context.year) ?? null) : null;
  if (reportedText && !reportedAt) keep('时间', reportedText);
  else if (reportedText) keep('求助时间', reportedText);

  const peopleText = one('peopleAffected');
  const peopleAffected = peopleText ? (parseCount(peopleText) ?? null) : null;
  if (peopleText && peopleAffected === null) keep('人数', peopleText);

  const status = one('status');
  if (status) keep('状态', status);
  const address = one('address') || null;
  const contactName = one('contactName') || null;
  if (!text && !address && !phoneText && kept.length === 0) problems.push({ field: 'row', message: '这一行没有求助内容' });

  const categoryText = one('category');
  const named = categoryText ? namedCategory(categoryText) : undefined;
  if (categoryText && !named) keep('类别', categoryText);
  const about = `${text} ${categoryText} ${all('note')
    .map((n) => n.text)
    .join(' ')}`;
  const urgencyText = one('urgency');
  if (problems.length) return { problems };
  return {
    problems,
    need: {
      number: one('number') || null,
      reportedAt,
      address,
      area: one('jurisdiction') || null,
      contactName,
      contactPhone,
      description: kept.length ? kept.join('\n') : null,
      text,
      peopleAffected,
      done: markedDone(status) || context.struck,
      status: status || null,
      place,
      category: named ?? categoryFromText(about) ?? null,
      urgency: (urgencyText ? urgencyFrom(urgencyText, true) : undefined) ?? urgencyFrom(about, false) ?? 'medium',
    },
  };
}
