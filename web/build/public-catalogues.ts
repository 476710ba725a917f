/**
 * The public pages' translations: at build time, the sections of the UI catalogues those pages
 * use (the same texts as the coordinators' UI, web/src/i18n), one virtual module per language,
 * so a visitor downloads a few kilobytes of words instead of the whole catalogue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { type Catalogue, mergeCatalogues, modelCatalogue } from '../src/i18n/model-catalogue';

const PREFIX = 'virtual:public-catalogue/';
const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;

/**
 * The parts of the catalogues the public pages (report, receipt, join, checkpoint) look words
 * up in: a whole section, or where they use only a few of its words (a section written for the
 * coordinators), a dotted path to those.
 */
export const PUBLIC_SECTIONS = [
  'app',
  'language',
  'common',
  'form',
  'field',
  'error',
  'jurisdiction',
  'location',
  'public',
  'receipt',
  'join',
  'checkpoint',
  'passes',
  'need',
  'incident.level',
  'incident.warning',
  'category',
  'kind',
  'strategy',
  'phase',
  'functionMap',
  'membership.status.under_review',
  'organization.creditCodeHint',
  'organization.jurisdictionsRequired',
  'deployments.people',
  'deployments.vehicleCount',
  'outbox',
] as const;

function readJson(dir: string, name: string): Catalogue {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Catalogue;
}

/** The catalogue of one language as the coordinators' UI merges it (see web/src/i18n/index.ts). */
function fullCatalogue(dir: string, language: (typeof LANGUAGES)[number]): Catalogue {
  switch (language) {
    case 'zh-Hans':
      return mergeCatalogues(modelCatalogue('zh'), readJson(dir, 'zh-Hans'));
    case 'zh-Hant':
      return readJson(dir, 'zh-Hant');
    case 'en':
      return mergeCatalogues(modelCatalogue('en'), readJson(dir, 'en'));
  }
}

/** Keeps only the public pages' parts of a catalogue. */
export function publicSubset(catalogue: Catalogue): Catalogue {
  const subset: Catalogue = {};
  for (const part of PUBLIC_SECTIONS) {
    const path = part.split('.');
    const words = path.reduce<string | Catalogue | undefined>(
      (at, key) => (at === undefined || typeof at === 'string' ? undefined : at[key]),
      catalogue,
    );
    if (words === undefined) continue;
    let into = subset;
    for (const key of path.slice(0, -1)) into = (into[key] ??= {}) as Catalogue;
    into[path[path.length - 1] as string] = words;
  }
  return subset;
}

/** Vite plugin: `import catalogue from 'virtual:public-catalogue/en'`. */
export function publicCatalogues(i18nDir: string): Plugin {
  return {
    name: 'corespond-public-catalogues',
    resolveId(id) {
      return id.startsWith(PREFIX) ? `\0${id}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${PREFIX}`)) return null;
      const language = id.slice(PREFIX.length + 1);
      if (!(LANGUAGES as readonly string[]).includes(language)) throw new Error(`no catalogue for ${language}`);
      for (const name of ['zh-Hans', 'zh-Hant', 'en']) this.addWatchFile(join(i18nDir, `${name}.json`));
      const subset = publicSubset(fullCatalogue(i18nDir, language as (typeof LANGUAGES)[number]));
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(subset))});`;
    },
  };
}
