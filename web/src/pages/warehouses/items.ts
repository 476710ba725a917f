/** The item catalogue in the reader's language: names and units come from the catalogues (src/model/items.ts). */
import { useTranslation } from 'react-i18next';
import { ITEMS } from '../../../../src/model/items';
import { currentLanguage, intlLocale } from '../../i18n';

export function useItemText(): {
  name: (code: string) => string;
  unit: (code: string) => string;
  /** A quantity in the reader's number format, to the thousandth. */
  quantity: (value: number) => string;
  /** The catalogue as options of a Select, searchable by name and code. */
  options: { value: string; label: string }[];
} {
  const { t } = useTranslation();
  const number = new Intl.NumberFormat(intlLocale(currentLanguage()), { maximumFractionDigits: 3 });
  const name = (code: string) => t(`item.${code}.name`, { defaultValue: code });
  const unit = (code: string) => t(`item.${code}.unit`, { defaultValue: '' });
  return {
    name,
    unit,
    quantity: (value) => number.format(value),
    options: ITEMS.map((item) => ({ value: item.code, label: `${name(item.code)}（${unit(item.code)}） ${item.code}` })),
  };
}
