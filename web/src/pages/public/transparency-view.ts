/**
 * The transparency figures in the reader's words: stage names, items with their units, areas by
 * their GB/T 2260 names. The charts and the tables are drawn from this one view, so the tables
 * say exactly what the charts show.
 */
import { useQueries } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { jurisdictionApi } from '../../api';
import { useItemCatalogue, useItemWords } from '../../components/item-words';
import type { Transparency } from '../../types';

export const STAGES = ['pledged', 'received', 'allocated', 'delivered', 'returned', 'written_off'] as const;
export type Stage = (typeof STAGES)[number];
type Figures = Record<Stage, number>;

/** The stages shown always; returned and written off only when something was. */
const CORE: readonly Stage[] = ['pledged', 'received', 'allocated', 'delivered'];

export interface StageColumn {
  stage: Stage;
  label: string;
}

export interface TransparencyView {
  /** Nothing pledged, received or moved yet. */
  empty: boolean;
  money: { stages: StageColumn[]; total: Figures };
  goods: { stages: StageColumn[]; items: { code: string; label: string; figures: Figures }[] };
  /** Goods delivered per area: the items that reached any area, and per area each item's quantity. */
  areas: { items: { code: string; label: string }[]; rows: { code: string; name: string; delivered: Map<string, number> }[] };
  /** Per organization its money, and the goods it delivered item by item (never added up across units). */
  organizations: {
    key: string;
    name: string;
    money: Figures;
    goodsDelivered: { code: string; name: string; unit: string; quantity: number }[];
  }[];
}

const shown = (rows: readonly Figures[]) => STAGES.filter((s) => CORE.includes(s) || rows.some((r) => r[s] !== 0));

/** The names of GB/T 2260 divisions (cached for the visit, shared with the other pages' look-ups). */
function useAreaNames(codes: readonly string[]): Map<string, string> {
  const answers = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['jurisdiction', code],
      queryFn: () => jurisdictionApi.get(code),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  const names = answers.map((a) => a.data?.name ?? '');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the names' text is what changes, not the array
  return useMemo(() => new Map(codes.map((code, i) => [code, names[i] || code])), [codes.join(), names.join()]);
}

/** The view of the figures, the same object until the figures, the language or a name change. */
export function useTransparencyView(data: Transparency): TransparencyView {
  const { t, i18n } = useTranslation();
  const words = useItemWords();
  const catalogue = useItemCatalogue();
  const areaNames = useAreaNames(data.areas.map((a) => a.jurisdiction));
  // biome-ignore lint/correctness/useExhaustiveDependencies: t and words follow the language and the catalogue
  return useMemo(() => transparencyView(data, { t, words, areaNames }), [data, areaNames, catalogue.data, i18n.language]);
}

function transparencyView(
  data: Transparency,
  { t, words, areaNames }: { t: TFunction; words: ReturnType<typeof useItemWords>; areaNames: ReadonlyMap<string, string> },
): TransparencyView {
  const itemLabel = (code: string) => {
    const w = words(code);
    return w.unit ? t('transparency.itemWithUnit', { name: w.name, unit: w.unit }) : w.name;
  };
  const moneyRows = [data.money, ...data.organizations.map((o) => o.money)];
  const areaItems = [...new Set(data.areas.flatMap((a) => a.items.map((i) => i.item)))].sort();
  return {
    empty: STAGES.every((s) => data.money[s] === 0) && data.items.length === 0,
    money: {
      stages: shown(moneyRows).map((stage) => ({ stage, label: t(`transparency.moneyStage.${stage}`) })),
      total: data.money,
    },
    goods: {
      stages: shown(data.items).map((stage) => ({ stage, label: t(`transparency.goodsStage.${stage}`) })),
      items: data.items.map(({ item, ...figures }) => ({ code: item, label: itemLabel(item), figures })),
    },
    areas: {
      items: areaItems.map((code) => ({ code, label: itemLabel(code) })),
      rows: data.areas.map((a) => ({
        code: a.jurisdiction,
        name: areaNames.get(a.jurisdiction) ?? a.jurisdiction,
        delivered: new Map(a.items.map((i) => [i.item, i.delivered])),
      })),
    },
    organizations: data.organizations.map((o) => ({
      key: o.organizationId ?? 'public',
      name: o.organizationId === null ? t('transparency.thePublic') : (o.name ?? t('transparency.unnamed')),
      money: o.money,
      goodsDelivered: o.goods
        .filter((g) => g.delivered > 0)
        .map((g) => ({ code: g.item, name: words(g.item).name, unit: words(g.item).unit, quantity: g.delivered })),
    })),
  };
}

/** One colour per stage, the same in every chart. */
export const STAGE_COLOURS: Record<Stage, string> = {
  pledged: '#8fb3e8',
  received: '#1d5bbf',
  allocated: '#d48806',
  delivered: '#16a34a',
  returned: '#94a3b8',
  written_off: '#c8102e',
};
