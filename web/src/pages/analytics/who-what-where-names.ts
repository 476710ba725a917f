/** What the 3W's codes are called: the kinds of work and the places. */
import { useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { jurisdictionApi } from '../../api';

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

/**
 * The names of some divisions by code, from the same session cache as <JurisdictionName>; a code
 * whose name has not come yet stands for itself.
 */
export function usePlaceNames(codes: readonly string[]): (code: string) => string {
  const answers = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['jurisdiction', code],
      queryFn: () => jurisdictionApi.get(code),
      staleTime: Number.POSITIVE_INFINITY,
    })),
  });
  // One string of the names known so far: the lookup below changes only when a new name arrives,
  // so the chart is not redrawn for nothing.
  const known = JSON.stringify(codes.flatMap((code, at) => (answers[at]?.data ? [[code, answers[at].data.name]] : [])));
  return useMemo(() => {
    const names = new Map<string, string>(JSON.parse(known));
    return (code: string) => names.get(code) ?? code;
  }, [known]);
}
