import { useTranslation } from 'react-i18next';
import { currentLanguage, intlLocale } from './i18n/language';

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

/** A short time for tables: hours and minutes today, else month, day and time. */
export function useShortDateTime(): (iso: string | null | undefined) => string {
  useTranslation(); // re-render when the language changes
  const locale = intlLocale(currentLanguage());
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
  const dayTime = new Intl.DateTimeFormat(locale, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return date.toDateString() === new Date().toDateString() ? time.format(date) : dayTime.format(date);
  };
}
