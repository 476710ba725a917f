/** Chooses one organization by searching names through the directory API. */
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../../src/model/organization';
import { organizationApi } from '../api';

interface Props {
  value?: string | null;
  onChange?: (id: string | null) => void;
  id?: string;
  disabled?: boolean;
  /** Offer only organizations of this kind. */
  kind?: OrganizationKind;
  /** Leave this organization out (an organization is not its own mentor or counterpart). */
  exclude?: string;
  placeholder?: string;
}

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function OrganizationPicker({ value, onChange, id, disabled, kind, exclude, placeholder }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const results = useQuery({
    queryKey: ['organizations', 'picker', q, kind ?? ''],
    queryFn: () => organizationApi.list({ q, kind, limit: 20 }),
  });
  const current = useQuery({
    queryKey: ['organization', value],
    queryFn: () => organizationApi.get(value ?? ''),
    enabled: Boolean(value),
    staleTime: 60_000,
  });

  const options = (results.data?.items ?? [])
    .filter((org) => org.id !== exclude)
    .map((org) => ({ value: org.id, label: org.name }));
  if (value && current.data && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: current.data.name });
  }

  return (
    <Select
      id={id}
      disabled={disabled}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      showSearch={{ filterOption: false, onSearch: setText }}
      loading={results.isFetching}
      placeholder={placeholder ?? t('users.organizationPlaceholder')}
      notFoundContent={results.isFetching ? t('common.loading') : t('common.noMatch')}
      options={options}
    />
  );
}
