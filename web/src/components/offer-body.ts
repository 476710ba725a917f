/**
 * What the public offer form and the board's "record an offer" form have in common: their
 * fields, and the body they send — goods an item and a quantity, money its amount in fen, the
 * other kinds a description; days typed as dates become the start or end of that day.
 */
import type { OfferKind, PublicOfferInput } from '../types';
import { yuanToFen } from './item-words';

export interface OfferValues {
  kind: OfferKind;
  item?: string;
  quantity?: number | null;
  amountYuan?: number | null;
  /** Goods and money: a note; the other kinds: what is offered. */
  note?: string;
  jurisdiction?: string | null;
  /** YYYY-MM-DD, as a date field gives it. */
  availableFrom?: string;
  availableUntil?: string;
  conditions?: string;
  donorName?: string;
  donorPhone?: string;
}

/** The form fields an API problem may name. */
export const OFFER_FIELDS = [
  ['kind'],
  ['item'],
  ['quantity'],
  ['amountYuan'],
  ['note'],
  ['jurisdiction'],
  ['availableFrom'],
  ['availableUntil'],
  ['conditions'],
  ['donorName'],
  ['donorPhone'],
] as const;

/** A day typed in a date field as the start (or end) of that day where the donor is. */
export function dayAt(day: string | undefined, end: boolean): string | null {
  if (!day) return null;
  const at = new Date(`${day}T${end ? '23:59:59' : '00:00:00'}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The offer as the API takes it; `place` is where the goods are, when the device told us. */
export function offerBody(
  values: OfferValues & { jurisdiction: string },
  place: { lat: number; lon: number } | null,
): PublicOfferInput {
  const text = (value: string | undefined) => value?.trim() || null;
  const goods = values.kind === 'goods';
  const money = values.kind === 'money';
  return {
    kind: values.kind,
    item: goods ? (values.item ?? null) : null,
    quantity: goods ? (values.quantity ?? null) : null,
    amountFen: money && values.amountYuan ? yuanToFen(values.amountYuan) : null,
    jurisdiction: values.jurisdiction,
    lat: money ? null : (place?.lat ?? null),
    lon: money ? null : (place?.lon ?? null),
    availableFrom: money ? null : dayAt(values.availableFrom, false),
    availableUntil: money ? null : dayAt(values.availableUntil, true),
    conditions: text(values.conditions),
    donorName: text(values.donorName),
    donorPhone: text(values.donorPhone),
    note: text(values.note),
  };
}
