/** What the 3W's codes of work are called. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** What a row's `what` is called: a service category (needs) or a program kind. */
export function useWhatLabel(): (what: string) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (what: string) => {
      if (i18n.exists(`category.${what}`)) return t(`category.${what}`);
      if (i18n.exists(`programKind.${what}`)) return t(`programKind.${what}`);
      return what;
    },
    [t, i18n],
  );
}
