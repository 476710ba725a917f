/**
 * Catalogue entries derived from the shared model (src/model/labels.ts, errors.ts, items.ts), so
 * the names of strategies, phases, categories, kinds, roles, error messages and relief items
 * (with their units) have one source.
 * The browser uses it for zh-Hans and en; scripts/i18n.ts converts the zh-Hans entries into
 * the generated zh-Hant catalogue.
 */
import { ERRORS } from '../../../src/model/errors';
import { ITEM_CLASS_NAMES, ITEMS } from '../../../src/model/items';
import {
  ORGANIZATION_KIND_LABELS,
  PHASE_LABELS,
  ROLE_LABELS,
  SERVICE_CATEGORY_LABELS,
  STAGE_LABELS,
  STRATEGY_LABELS,
} from '../../../src/model/labels';

export interface Catalogue {
  [key: string]: string | Catalogue;
}

type SourceLanguage = 'zh' | 'en';

function pick(labels: Record<string, { zh: string; en: string }>, language: SourceLanguage): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([id, label]) => [id, label[language]]));
}

/** The model's names in one source language, as catalogue sections. */
export function modelCatalogue(language: SourceLanguage): Catalogue {
  return {
    strategy: pick(STRATEGY_LABELS, language),
    phase: pick(PHASE_LABELS, language),
    stage: pick(STAGE_LABELS, language),
    category: pick(SERVICE_CATEGORY_LABELS, language),
    kind: pick(ORGANIZATION_KIND_LABELS, language),
    role: pick(ROLE_LABELS, language),
    error: pick(ERRORS, language),
    itemClass: pick(ITEM_CLASS_NAMES, language),
    item: Object.fromEntries(
      ITEMS.map((i) => [i.code, language === 'zh' ? { name: i.nameZh, unit: i.unitZh } : { name: i.nameEn, unit: i.unitEn }]),
    ),
  };
}

/** Deep-merges catalogues; later ones win on conflicting strings. */
export function mergeCatalogues(...catalogues: Catalogue[]): Catalogue {
  const out: Catalogue = {};
  for (const catalogue of catalogues) {
    for (const [key, value] of Object.entries(catalogue)) {
      const existing = out[key];
      out[key] = typeof value === 'object' && typeof existing === 'object' ? mergeCatalogues(existing, value) : value;
    }
  }
  return out;
}

/** Applies a function to every string of a catalogue, keeping its shape. */
export function mapCatalogue(catalogue: Catalogue, convert: (text: string) => string): Catalogue {
  return Object.fromEntries(
    Object.entries(catalogue).map(([key, value]) => [
      key,
      typeof value === 'string' ? convert(value) : mapCatalogue(value, convert),
    ]),
  );
}
