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
import type { Language } from './language';
import { type Catalogue, mergeCatalogues, modelCatalogue } from './model-catalogue';
import { startI18n } from './start';
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

const languages = startI18n(mergeCatalogues(modelCatalogue('zh'), zhHans), async (language) => {
  const { catalogue, locale } = await LATER[language]();
  i18n.addResourceBundle(language, 'translation', catalogue);
  locales[language] = locale;
});

/** Switches the UI language (once its catalogue and Ant Design locale are here) and remembers it on this device. */
export const setLanguage = languages.setLanguage;

/** Ant Design's locale for a UI language (zh-Hans until the language's own has arrived). */
export function antdLocale(language: Language): Locale {
  return locales[language] ?? zhCN;
}

/**
 * Resolves when the reader's stored language is ready to render (at once for zh-Hans); when
 * its catalogue cannot be fetched the UI starts in zh-Hans rather than not at all.
 */
export const i18nReady: Promise<void> = languages.ready;

export default i18n;
