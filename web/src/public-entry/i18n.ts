/**
 * i18next for the public pages: the same keys and texts as the coordinators' UI
 * (web/src/i18n), cut at build time to the sections these pages use
 * (web/build/public-catalogues.ts). zh-Hans comes with the first chunk; zh-Hant and en are
 * fetched when the reader has chosen them.
 */

import zhHans from 'virtual:public-catalogue/zh-Hans';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, storedLanguage, storeLanguage } from '../i18n/language';

export { currentLanguage, LANGUAGE_NAMES, LANGUAGES } from '../i18n/language';

const LATER: Record<Exclude<Language, 'zh-Hans'>, () => Promise<{ default: Record<string, unknown> }>> = {
  'zh-Hant': () => import('virtual:public-catalogue/zh-Hant'),
  en: () => import('virtual:public-catalogue/en'),
};
const loading: Partial<Record<Language, Promise<void>>> = {};

function loadLanguage(language: Language): Promise<void> {
  if (language === 'zh-Hans') return Promise.resolve();
  loading[language] ??= LATER[language]().then(
    (catalogue) => void i18n.addResourceBundle(language, 'translation', catalogue.default),
    (failure: unknown) => {
      delete loading[language]; // a dropped connection: let the next switch try again
      throw failure;
    },
  );
  return loading[language];
}

/** Switches the language (once its catalogue is here) and remembers it on this device. */
export function setLanguage(language: Language): void {
  storeLanguage(language);
  loadLanguage(language).then(
    () => void i18n.changeLanguage(language),
    () => undefined, // offline: the page stays in the language it has
  );
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-Hans': { translation: zhHans } },
  lng: 'zh-Hans',
  fallbackLng: 'zh-Hans',
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

/** Resolves when the reader's stored language is ready (zh-Hans when it cannot be fetched). */
export const i18nReady: Promise<void> = (async () => {
  const language = storedLanguage();
  if (language === 'zh-Hans') return;
  try {
    await loadLanguage(language);
    await i18n.changeLanguage(language);
  } catch {
    // stay in zh-Hans
  }
})();
