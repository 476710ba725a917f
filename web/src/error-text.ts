/**
 * Turns a failed request into words: the message of the problem's code in the reader's
 * language (src/model/errors.ts via the catalogues), and the field it names.
 */
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

type FieldPath = readonly (string | number)[];

/** Splits a problem's field ("creditCode", "/base/lat", "capabilities.cells[0]") into segments. */
export function fieldSegments(field: string): string[] {
  return field.split(/[/.[\]]+/).filter((segment) => segment !== '' && segment !== 'body' && !/^\d+$/.test(segment));
}

export function useErrorText(): {
  message: (error: unknown) => string;
  fieldLabel: (field: string) => string;
  full: (error: unknown) => string;
} {
  const { t, i18n } = useTranslation();
  const message = (error: unknown): string => {
    if (error instanceof ApiError) {
      const key = `error.${error.code}`;
      return i18n.exists(key) ? t(key) : t('error.unknown', { code: error.code });
    }
    return t('error.unknown', { code: error instanceof Error ? error.message : String(error) });
  };
  // "capabilities/cells/0/strategy" is named by its nearest segment the catalogue knows.
  const fieldLabel = (field: string): string => {
    const key = fieldSegments(field)
      .reverse()
      .map((segment) => `field.${segment}`)
      .find((candidate) => i18n.exists(candidate));
    return key ? t(key) : field;
  };
  const full = (error: unknown): string => {
    const text = message(error);
    if (error instanceof ApiError && error.field) return `${text}（${t('error.field', { field: fieldLabel(error.field) })}）`;
    return text;
  };
  return { message, fieldLabel, full };
}

/**
 * Shows an API error next to the form field it names. Returns false when the problem names
 * no field of this form, so the caller shows it above the form instead.
 */
export function showFieldError(form: FormInstance, error: unknown, fields: readonly FieldPath[], text: string): boolean {
  if (!(error instanceof ApiError) || !error.field) return false;
  const segments = fieldSegments(error.field);
  const startsWith = (long: readonly (string | number)[], short: readonly (string | number)[]) =>
    short.length > 0 && short.length <= long.length && short.every((part, i) => long[i] === part);
  // The form field the problem is inside ("base/lat", "jurisdictions/0"), else the first
  // form field inside the problem's ("base" → base.lat).
  const match =
    [...fields].sort((a, b) => b.length - a.length).find((path) => startsWith(segments, path)) ??
    fields.find((path) => startsWith(path, segments));
  if (!match) return false;
  form.setFields([{ name: [...match], errors: [text] }]);
  form.scrollToField([...match], { block: 'center' });
  return true;
}
