import { useTranslation } from 'react-i18next';
import { currentLanguage, intlLocale } from './i18n';

/** Formats an ISO timestamp in the reader's zone and language. */
export function useDateTime(): (iso: string | null | undefined) => string {
  useTranslation(); // re-render when the language changes
  const locale = intlLocale(currentLanguage());
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : format.format(date);
  };
}
