/**
 * i18next set-up. zh-Hans and en come from the hand-written catalogues plus the model's
 * labels; zh-Hant comes whole from the generated zh-Hant.json (scripts/i18n.ts).
 *
 * Only the reader's language is downloaded: zh-Hans (the default, and the fallback for a
 * missing key) is part of the first chunk; zh-Hant and en, with their Ant Design locales (and
 * zh-Hant's dayjs one), are chunks of their own fetched before the first render or when the
 * reader switches.
 */
import type { Locale } from 'antd/es/locale';
import zhCN from 'antd/es/locale/zh_CN';
// The date pickers' month and day names (Ant Design's locale names the dayjs one it uses).
import 'dayjs/locale/zh-cn';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, storedLanguage, storeLanguage } from './language';
import { type Catalogue, mergeCatalogues, modelCatalogue } from './model-catalogue';
import zhHans from './zh-Hans.json';

export { currentLanguage, intlLocale, LANGUAGE_NAMES, LANGUAGES, type Language } from './language';

interface Pack {
  catalogue: Catalogue;
  locale: Locale;
}

const LATER: Record<Exclude<Language, 'zh-Hans'>, () => Promise<Pack>> = {
  'zh-Hant': async () => {
    const [catalogue, locale] = await Promise.all([
      import('./zh-Hant.json'),
      import('antd/es/locale/zh_TW'),
      import('dayjs/locale/zh-tw'),
    ]);
    return { catalogue: catalogue.default, locale: locale.default };
  },
  en: async () => {
    const [catalogue, locale] = await Promise.all([import('./en.json'), import('antd/es/locale/en_US')]);
    return { catalogue: mergeCatalogues(modelCatalogue('en'), catalogue.default), locale: locale.default };
  },
};

const locales: Partial<Record<Language, Locale>> = { 'zh-Hans': zhCN };
const loading: Partial<Record<Language, Promise<void>>> = {};

/** Fetches a language's catalogue and Ant Design locale once; zh-Hans is always there. */
function loadLanguage(language: Language): Promise<void> {
  if (language === 'zh-Hans') return Promise.resolve();
  loading[language] ??= LATER[language]().then(
    ({ catalogue, locale }) => {
      i18n.addResourceBundle(language, 'translation', catalogue);
      locales[language] = locale;
    },
    (failure: unknown) => {
      delete loading[language]; // a dropped connection: let the next switch try again
      throw failure;
    },
  );
  return loading[language];
}

/** Switches the UI language (once its catalogue is here) and remembers it on this device. */
export function setLanguage(language: Language): void {
  storeLanguage(language);
  loadLanguage(language).then(
    () => void i18n.changeLanguage(language),
    () => undefined, // offline: the page stays in the language it has
  );
}

/** Ant Design's locale for a UI language (zh-Hans until the language's own has arrived). */
export function antdLocale(language: Language): Locale {
  return locales[language] ?? zhCN;
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: { 'zh-Hans': { translation: mergeCatalogues(modelCatalogue('zh'), zhHans) } },
  lng: 'zh-Hans',
  fallbackLng: 'zh-Hans',
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;

/**
 * Resolves when the reader's stored language is ready to render (at once for zh-Hans); when
 * its catalogue cannot be fetched the UI starts in zh-Hans rather than not at all.
 */
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

export default i18n;
