/**
 * Picks one GB/T 2260 division with three plain selects (province → city → county), each
 * level loaded when the one above is chosen; any level may be the answer. A preset code is
 * expanded along its path. Native selects: the phone's own picker, the keyboard, and no library.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { jurisdictionApi } from '../api';

const LEVELS = ['province', 'city', 'county'] as const;

function useChildren(parent: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['jurisdictions', parent ?? ''],
    queryFn: () => jurisdictionApi.children(parent),
    enabled,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function LevelSelect({
  level,
  parent,
  enabled,
  value,
  onChange,
  describedBy,
  invalid,
}: {
  level: (typeof LEVELS)[number];
  parent: string | undefined;
  enabled: boolean;
  value: string;
  onChange: (code: string) => void;
  describedBy: string | undefined;
  invalid: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const items = useChildren(parent, enabled);
  const options = items.data ?? [];
  return (
    <div className="pp-division">
      <label htmlFor={id} className="pp-sublabel">
        {t(`public.level.${level}`)}
      </label>
      <select
        id={id}
        className="pp-input"
        value={value}
        disabled={!enabled || (items.isSuccess && options.length === 0)}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        data-testid={`jurisdiction-${level}`}
      >
        <option value="">{t('form.choose')}</option>
        {options.map((item) => (
          <option key={item.code} value={item.code}>
            {item.name}
            {item.retired ? ' ✝' : ''}
          </option>
        ))}
      </select>
    </div>
  );
}

export function JurisdictionSelects({
  legend,
  value,
  onChange,
  error,
  required,
}: {
  legend: string;
  value: string | null;
  onChange: (code: string | null) => void;
  error?: string | null;
  required?: boolean;
}) {
  const id = useId();
  // The chosen code at each level; a preset value is looked up for its path once.
  const [path, setPath] = useState<string[]>([]);
  const presetKnown = !value || path[path.length - 1] === value;
  const preset = useQuery({
    queryKey: ['jurisdiction', value],
    queryFn: () => jurisdictionApi.get(value ?? ''),
    enabled: !presetKnown,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    if (!presetKnown && preset.data) setPath(preset.data.path.map((item) => item.code));
  }, [presetKnown, preset.data]);

  const choose = (index: number, code: string) => {
    const next = [...path.slice(0, index), ...(code ? [code] : [])];
    setPath(next);
    onChange(next[next.length - 1] ?? null);
  };
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset className={error ? 'pp-field pp-field-invalid' : 'pp-field'} data-testid="jurisdiction-selects">
      <legend className={required ? 'pp-label pp-required' : 'pp-label'}>{legend}</legend>
      <div className="pp-levels">
        {LEVELS.map((level, index) => (
          <LevelSelect
            key={level}
            level={level}
            parent={index === 0 ? undefined : path[index - 1]}
            enabled={index === 0 || Boolean(path[index - 1])}
            value={path[index] ?? ''}
            onChange={(code) => choose(index, code)}
            describedBy={errorId}
            invalid={Boolean(error)}
          />
        ))}
      </div>
      {error ? (
        <div id={errorId} className="pp-error">
          {error}
        </div>
      ) : null}
    </fieldset>
  );
}
