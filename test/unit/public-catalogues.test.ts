/**
 * The light public pages' catalogue subset (web/build/public-catalogues.ts): a dotted part keeps
 * only those words of a section, and every word the pages look up by a literal key is in it,
 * in each language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { publicSubset } from '../../web/build/public-catalogues';
import en from '../../web/src/i18n/en.json';
import { type Catalogue, mergeCatalogues, modelCatalogue } from '../../web/src/i18n/model-catalogue';
import zhHans from '../../web/src/i18n/zh-Hans.json';
import zhHant from '../../web/src/i18n/zh-Hant.json';

const WEB = join(import.meta.dirname, '..', '..', 'web', 'src');
const CATALOGUES: Record<string, Catalogue> = {
  'zh-Hans': mergeCatalogues(modelCatalogue('zh'), zhHans),
  'zh-Hant': zhHant,
  en: mergeCatalogues(modelCatalogue('en'), en),
};

const lookUp = (catalogue: Catalogue, key: string): unknown =>
  key.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Catalogue)[part] : undefined), catalogue);

/** The literal keys of t('…') in the light pages and the modules of the app only they and the app share. */
function literalKeys(): string[] {
  const files = [
    ...readdirSync(join(WEB, 'public-entry'))
      .filter((name) => name.endsWith('.tsx') || name.endsWith('.ts'))
      .map((name) => join(WEB, 'public-entry', name)),
    join(WEB, 'public-frame.tsx'),
    join(WEB, 'pages', 'passes', 'pass-details.tsx'),
    join(WEB, 'components', 'function-map-grid.tsx'),
  ];
  const keys = files.flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.]+)'/g)].map((m) => m[1] as string),
  );
  return [...new Set(keys)].sort();
}

it('keeps a dotted part of a section and no other word of it', () => {
  const zh = publicSubset(CATALOGUES['zh-Hans'] as Catalogue);
  expect(zh.membership).toEqual({
    status: { under_review: lookUp(CATALOGUES['zh-Hans'] as Catalogue, 'membership.status.under_review') },
  });
  expect(Object.keys(zh.organization as Catalogue).sort()).toEqual(['creditCodeHint', 'jurisdictionsRequired']);
  expect(zh.public).toEqual((CATALOGUES['zh-Hans'] as Catalogue).public);
});

it.each(Object.keys(CATALOGUES))('has every word the light pages look up by a literal key in %s', (language) => {
  const subset = publicSubset(CATALOGUES[language] as Catalogue);
  const keys = literalKeys();
  expect(keys.length).toBeGreaterThan(50);
  // A key looked up with a count has its plural forms instead (key_one, key_other).
  const found = (key: string) => typeof lookUp(subset, key) === 'string' || typeof lookUp(subset, `${key}_other`) === 'string';
  expect(keys.filter((key) => !found(key))).toEqual([]);
});
