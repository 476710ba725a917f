/**
 * The item catalogue in the reader's language: names and units (from the catalogues, so
 * zh-Hant is converted ahead of time; a code they do not know yet takes the server's words),
 * quantities counted in an item's unit, money in yuan, and the catalogue as select options.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { offerApi } from '../api';
import { currentLanguage, intlLocale } from '../i18n';
import type { CatalogueItem } from '../types';

/** The catalogue, fetched once per visit (the server lets browsers keep it an hour). */
export function useItemCatalogue() {
  return useQuery({ queryKey: ['items'], queryFn: offerApi.items, staleTime: Number.POSITIVE_INFINITY });
}

export interface ItemWords {
  name: string;
  unit: string;
  /** The catalogue entry, once the catalogue is here. */
  item: CatalogueItem | undefined;
}

/** Words for items: name, unit and catalogue entry of a code (an unknown code shows as it is). */
export function useItemWords(): (code: string | null | undefined) => ItemWords {
  const { t, i18n } = useTranslation();
  const catalogue = useItemCatalogue();
  const english = currentLanguage() === 'en';
  const byCode = useMemo(() => new Map((catalogue.data?.items ?? []).map((i) => [i.code, i])), [catalogue.data]);
  return (code) => {
    if (!code) return { name: '—', unit: '', item: undefined };
    const item = byCode.get(code);
    if (i18n.exists(`item.${code}.name`)) return { name: t(`item.${code}.name`), unit: t(`item.${code}.unit`), item };
    if (!item) return { name: code, unit: '', item };
    return english ? { name: item.nameEn, unit: item.unitEn, item } : { name: item.nameZh, unit: item.unitZh, item };
  };
}

/** A number as the reader writes it (up to three decimals: litres and kilograms). */
export function useNumber(): (value: number) => string {
  const { i18n } = useTranslation(); // re-render when the language changes
  const language = i18n.language;
  // The same function until the language changes, so that a chart's option built with it stays put.
  // biome-ignore lint/correctness/useExhaustiveDependencies: currentLanguage() follows i18n.language
  return useMemo(() => {
    const format = new Intl.NumberFormat(intlLocale(currentLanguage()), { maximumFractionDigits: 3 });
    return (value: number) => format.format(value);
  }, [language]);
}

/** "300 箱" / "300 × case": a quantity in its item's unit. */
export function useQuantityText(): (quantity: number | null | undefined, code: string | null | undefined) => string {
  const { t } = useTranslation();
  const words = useItemWords();
  const number = useNumber();
  return (quantity, code) =>
    quantity === null || quantity === undefined
      ? '—'
      : t('offer.quantityText', { quantity: number(quantity), unit: words(code).unit });
}

/** Money given in fen (分), shown in yuan. */
export function useMoney(): (fen: number | null | undefined) => string {
  useTranslation();
  const format = new Intl.NumberFormat(intlLocale(currentLanguage()), { style: 'currency', currency: 'CNY' });
  return (fen) => (fen === null || fen === undefined ? '—' : format.format(fen / 100));
}

/** Yuan as typed (up to two decimals) in whole fen. */
export function yuanToFen(yuan: number): number {
  return Math.round(yuan * 100);
}

export interface ItemOption {
  value: string;
  label: string;
}

/** Select options of catalogue items, grouped by the standard's class; `only` keeps those codes, in catalogue order. */
export function useItemOptions(only?: readonly string[]): { label: string; options: ItemOption[] }[] {
  const { t } = useTranslation();
  const catalogue = useItemCatalogue();
  const words = useItemWords();
  const kept = only ? new Set(only) : null;
  return (catalogue.data?.classes ?? [])
    .map((c) => ({
      label: t(`itemClass.${c.code}`, { defaultValue: currentLanguage() === 'en' ? c.nameEn : c.nameZh }),
      options: (catalogue.data?.items ?? [])
        .filter((i) => i.itemClass === c.code && (!kept || kept.has(i.code)))
        .map((i) => ({ value: i.code, label: words(i.code).name })),
    }))
    .filter((group) => group.options.length > 0);
}
