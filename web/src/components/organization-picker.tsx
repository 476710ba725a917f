/** Chooses an organization (or several, `multiple`) by searching names through the directory API. */
import { useQueries, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { type CSSProperties, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../../src/model/organization';
import { organizationApi } from '../api';

interface CommonProps {
  id?: string;
  disabled?: boolean;
  /** Offer only organizations of this kind. */
  kind?: OrganizationKind;
  /** Leave this organization out (an organization is not its own mentor or counterpart). */
  exclude?: string;
  placeholder?: string;
  'aria-label'?: string;
  style?: CSSProperties;
}

type Props = CommonProps &
  (
    | { multiple?: false; value?: string | null; onChange?: (id: string | null) => void }
    | { multiple: true; value?: string[]; onChange?: (ids: string[]) => void }
  );

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function OrganizationPicker(props: Props) {
  const { id, disabled, kind, exclude, placeholder, 'aria-label': ariaLabel, style } = props;
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useQuery({
    queryKey: ['organizations', 'picker', q, kind ?? ''],
    queryFn: () => organizationApi.list({ q, kind, limit: 20 }),
  });
  const chosen = props.multiple ? (props.value ?? []) : props.value ? [props.value] : [];
  // The names of those chosen, which stay known while others are searched.
  const named = useQueries({
    queries: chosen.map((org) => ({
      queryKey: ['organization', org],
      queryFn: () => organizationApi.get(org),
      staleTime: 60_000,
    })),
  });

  const found = (results.data?.items ?? [])
    .filter((org) => org.id !== exclude)
    .map((org) => ({ value: org.id, label: org.name }));
  const missing = chosen.flatMap((org, at) => {
    const name = named[at]?.data?.name;
    return name && !found.some((o) => o.value === org) ? [{ value: org, label: name }] : [];
  });
  const shared = {
    id,
    disabled,
    allowClear: true,
    showSearch: { filterOption: false, onSearch: setText },
    loading: results.isFetching,
    placeholder: placeholder ?? t('users.organizationPlaceholder'),
    notFoundContent: results.isFetching ? t('common.loading') : t('common.noMatch'),
    options: [...missing, ...found],
    'aria-label': ariaLabel,
    style,
  };

  return props.multiple ? (
    <Select {...shared} mode="multiple" value={props.value ?? []} onChange={(ids: string[]) => props.onChange?.(ids)} />
  ) : (
    <Select
      {...shared}
      value={props.value ?? undefined}
      onChange={(next: string | undefined) => props.onChange?.(next ?? null)}
    />
  );
}
