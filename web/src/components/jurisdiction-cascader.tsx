/**
 * Picks one GB/T 2260 division: province → city → county, loaded level by level, any level
 * selectable. A preset code is expanded along its path so the picker shows its names.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Cascader } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jurisdictionApi } from '../api';
import type { Jurisdiction } from '../types';

interface Option {
  value: string;
  label: string;
  isLeaf: boolean;
  children?: Option[];
}

interface Props {
  value?: string | null;
  onChange?: (code: string | null, name: string | null) => void;
  placeholder?: string;
  id?: string;
  'aria-label'?: string;
  allowClear?: boolean;
  className?: string;
  style?: React.CSSProperties;
}

function toOption(item: Jurisdiction): Option {
  const retired = item.retired ? ' ✝' : '';
  return { value: item.code, label: `${item.name}${retired}`, isLeaf: item.level === 'county' };
}

function findPath(options: Option[], code: string): Option[] | null {
  for (const option of options) {
    if (option.value === code) return [option];
    const below = option.children ? findPath(option.children, code) : null;
    if (below) return [option, ...below];
  }
  return null;
}

export function useJurisdictionChildren() {
  const queryClient = useQueryClient();
  return useCallback(
    (parent?: string) =>
      queryClient.fetchQuery({
        queryKey: ['jurisdictions', parent ?? ''],
        queryFn: () => jurisdictionApi.children(parent),
        staleTime: Number.POSITIVE_INFINITY,
      }),
    [queryClient],
  );
}

export function JurisdictionCascader({ value, onChange, placeholder, allowClear = true, ...rest }: Props) {
  const { t } = useTranslation();
  const children = useJurisdictionChildren();
  const queryClient = useQueryClient();
  // Lazy loading fills `children` in place (as antd's Cascader expects); a new top-level
  // array then makes it re-render.
  const [options, setOptions] = useState<Option[]>([]);
  const expanded = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    void children().then((items) => {
      if (live) setOptions((current) => (current.length ? current : items.map(toOption)));
    });
    return () => {
      live = false;
    };
  }, [children]);

  // Expand a preset value's ancestors so the cascader can name it.
  useEffect(() => {
    if (!value || options.length === 0 || findPath(options, value) || expanded.current.has(value)) return;
    expanded.current.add(value); // once: a retired code may be missing from its parent's list
    void (async () => {
      const item = await queryClient.fetchQuery({
        queryKey: ['jurisdiction', value],
        queryFn: () => jurisdictionApi.get(value),
        staleTime: Number.POSITIVE_INFINITY,
      });
      const codes = item.path.map((step) => (typeof step === 'string' ? step : step.code));
      if (codes[codes.length - 1] !== value) codes.push(value);
      let level = options;
      for (const code of codes.slice(0, -1)) {
        const node = level.find((option) => option.value === code);
        if (!node) return;
        if (!node.children) node.children = (await children(code)).map(toOption);
        level = node.children;
      }
      setOptions((current) => [...current]);
    })().catch(() => undefined);
  }, [value, options, children, queryClient]);

  const loadData = async (selected: Option[]) => {
    const target = selected[selected.length - 1];
    if (!target || target.children) return;
    const items = await children(target.value);
    target.children = items.map(toOption);
    if (items.length === 0) target.isLeaf = true;
    setOptions((current) => [...current]);
  };

  const path = value ? findPath(options, value) : null;
  return (
    <Cascader<Option>
      {...rest}
      options={options}
      loadData={loadData}
      changeOnSelect
      allowClear={allowClear}
      placeholder={placeholder ?? t('jurisdiction.placeholder')}
      value={path ? path.map((option) => option.value) : value ? [value] : []}
      displayRender={(labels) => labels.join(' / ')}
      onChange={(codes: string[] | undefined, selected: Option[] | undefined) => {
        const last = selected?.[selected.length - 1];
        onChange?.(codes?.length ? codes[codes.length - 1] : null, last?.label ?? null);
      }}
    />
  );
}
