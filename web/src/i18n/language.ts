/**
 * The UI languages and the reader's choice, with no UI library, so both the coordinators' app
 * (./index.ts) and the light public pages (web/src/public-entry/i18n.ts) use the same.
 */
import i18n from 'i18next';

export const LANGUAGES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language named in itself, so a reader can always find their own. */
export const LANGUAGE_NAMES: Record<Language, string> = { 'zh-Hans': '简体', 'zh-Hant': '繁體', en: 'English' };

/** Where the reader's choice is kept on this device (the same for both entries). */
export const STORAGE_KEY = 'corespond.language';

export function isLanguage(value: string | null): value is Language {
  return value !== null && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen on this device, zh-Hans when none (or no storage). */
export function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'zh-Hans';
  } catch {
    return 'zh-Hans';
  }
}

/** Remembers the reader's choice on this device. */
export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // private browsing: the choice lasts for this page only
  }
}

/** The current UI language, narrowed to the three the UI ships. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-Hans';
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
