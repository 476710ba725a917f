/**
 * i18next started the same way by both entries, the coordinators' app (./index.ts) and the
 * light public pages (web/src/public-entry/i18n.ts), each with its own catalogues: zh-Hans (the
 * default, and the fallback for a missing key) comes with the first chunk; another language is
 * fetched once, before the first render when the reader chose it on this device, or at a switch.
 */
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { type Language, storedLanguage, storeLanguage } from './language';
import type { Catalogue } from './model-catalogue';

export function startI18n(
  zhHans: Catalogue,
  /** Fetches a language's texts (and whatever else the entry needs in it) and adds them to i18n. */
  fetchLanguage: (language: Exclude<Language, 'zh-Hans'>) => Promise<void>,
): {
  /** Switches the language (once its texts are here) and remembers it on this device. */
  setLanguage: (language: Language) => void;
  /** Resolves when the reader's stored language is ready to render (zh-Hans when its texts cannot be fetched). */
  ready: Promise<void>;
} {
  const loading: Partial<Record<Language, Promise<void>>> = {};
  const load = (language: Language): Promise<void> => {
    if (language === 'zh-Hans') return Promise.resolve();
    loading[language] ??= fetchLanguage(language).catch((failure: unknown) => {
      delete loading[language]; // a dropped connection: let the next switch try again
      throw failure;
    });
    return loading[language];
  };

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
  document.documentElement.lang = i18n.language;

  const setLanguage = (language: Language): void => {
    storeLanguage(language);
    load(language).then(
      () => void i18n.changeLanguage(language),
      () => undefined, // offline: the page stays in the language it has
    );
  };
  const ready = (async () => {
    const language = storedLanguage();
    if (language === 'zh-Hans') return;
    try {
      await load(language);
      await i18n.changeLanguage(language);
    } catch {
      // stay in zh-Hans
    }
  })();
  return { setLanguage, ready };
}
