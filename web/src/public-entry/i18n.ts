/**
 * i18next for the public pages: the same keys and texts as the coordinators' UI
 * (web/src/i18n), cut at build time to the sections these pages use
 * (web/build/public-catalogues.ts). zh-Hans comes with the first chunk; zh-Hant and en are
 * fetched when the reader has chosen them.
 */

import zhHans from 'virtual:public-catalogue/zh-Hans';
import i18n from 'i18next';
import type { Language } from '../i18n/language';
import type { Catalogue } from '../i18n/model-catalogue';
import { startI18n } from '../i18n/start';

export { currentLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/language';

const LATER: Record<Exclude<Language, 'zh-Hans'>, () => Promise<{ default: Record<string, unknown> }>> = {
  'zh-Hant': () => import('virtual:public-catalogue/zh-Hant'),
  en: () => import('virtual:public-catalogue/en'),
};

const languages = startI18n(zhHans as Catalogue, async (language) => {
  const catalogue = await LATER[language]();
  i18n.addResourceBundle(language, 'translation', catalogue.default);
});

/** Switches the language (once its catalogue is here) and remembers it on this device. */
export const setLanguage = languages.setLanguage;

/** Resolves when the reader's stored language is ready (zh-Hans when it cannot be fetched). */
export const i18nReady: Promise<void> = languages.ready;
