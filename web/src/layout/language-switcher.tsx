import { Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { currentLanguage, LANGUAGES, type Language, setLanguage } from '../i18n';

// Each language is named in itself, so a reader can always find their own.
export const LANGUAGE_NAMES: Record<Language, { short: string; lang: string }> = {
  'zh-Hans': { short: '简体', lang: 'zh-Hans' },
  'zh-Hant': { short: '繁體', lang: 'zh-Hant' },
  en: { short: 'English', lang: 'en' },
};

export function LanguageSwitcher({ tone = 'dark' }: { tone?: 'dark' | 'light' }) {
  const { t } = useTranslation();
  return (
    <Segmented<Language>
      size="small"
      aria-label={t('language.label')}
      className={`language-switcher language-switcher-${tone}`}
      value={currentLanguage()}
      onChange={setLanguage}
      options={LANGUAGES.map((language) => ({
        value: language,
        label: <span lang={LANGUAGE_NAMES[language].lang}>{LANGUAGE_NAMES[language].short}</span>,
      }))}
      data-testid="language-switcher"
    />
  );
}
