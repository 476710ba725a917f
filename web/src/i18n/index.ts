/**
 * i18next set-up. zh-Hans and en come from the hand-written catalogues plus the model's
 * labels; zh-Hant comes whole from the generated zh-Hant.json (scripts/i18n.ts).
 */
import type { Locale } from 'antd/es/locale';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import zhTW from 'antd/es/locale/zh_TW';
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './en.json';
import { mergeCatalogues, modelCatalogue } from './model-catalogue';
import zhHans from './zh-Hans.json';
import zhHant from './zh-Hant.json';

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'corespond.language';

function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-Hans';
  } catch {
    return 'zh-Hans';
  }
}

/** The current UI language, narrowed to the three the UI ships. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-Hans';
}

/** Switches the UI language and remembers it on this device. */
export function setLanguage(language: Language): void {
  void i18n.changeLanguage(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

/** Ant Design's locale for a UI language. */
export function antdLocale(language: Language): Locale {
  switch (language) {
    case 'zh-Hans':
      return zhCN;
    case 'zh-Hant':
      return zhTW;
    case 'en':
      return enUS;
  }
}

/** BCP 47 tag for number and date formatting. */
export function intlLocale(language: Language): string {
  switch (language) {
    case 'zh-Hans':
      return 'zh-CN';
    case 'zh-Hant':
      return 'zh-TW';
    case 'en':
      return 'en-US';
  }
}

i18n.on('languageChanged', (language) => {
  document.documentElement.lang = language;
});

void i18n.use(initReactI18next).init({
  resources: {
    'zh-Hans': { translation: mergeCatalogues(modelCatalogue('zh'), zhHans) },
    'zh-Hant': { translation: zhHant },
    en: { translation: mergeCatalogues(modelCatalogue('en'), en) },
  },
  lng: storedLanguage(),
  fallbackLng: 'zh-Hans',
  load: 'currentOnly',
  interpolation: { escapeValue: false },
});

document.documentElement.lang = i18n.language;

export default i18n;
