/** Chooses several divisions: pick one in the cascader, add it, remove tags to drop them. */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { JurisdictionCascader } from './jurisdiction-cascader';
import { JurisdictionTag } from './jurisdiction-name';

interface Props {
  value?: string[];
  onChange?: (codes: string[]) => void;
  /** Names already known, by code (e.g. the organization's jurisdictionNames). */
  names?: Record<string, string>;
  id?: string;
  /** A mark for the first division (e.g. 属地, the home area). */
  firstLabel?: string;
  /** What to say while none is chosen. */
  emptyText?: string;
}

export function JurisdictionListPicker({ value = [], onChange, names = {}, id, firstLabel, emptyText }: Props) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<{ code: string; name: string | null } | null>(null);
  const [added, setAdded] = useState<Record<string, string>>({});
  const known = { ...names, ...added };

  const add = () => {
    if (!pending) return;
    if (!value.includes(pending.code)) onChange?.([...value, pending.code]);
    if (pending.name) setAdded((current) => ({ ...current, [pending.code]: pending.name ?? '' }));
    setPending(null);
  };

  return (
    <Flex vertical gap={8}>
      <div aria-live="polite">
        {value.length === 0 ? (
          <Typography.Text type="secondary">{emptyText ?? t('jurisdiction.none')}</Typography.Text>
        ) : (
          <Flex wrap gap={4}>
            {value.map((code, i) => (
              <JurisdictionTag
                key={code}
                code={code}
                name={known[code]}
                mark={i === 0 ? firstLabel : undefined}
                closeLabel={t('jurisdiction.remove', { name: known[code] ?? code })}
                onClose={() => onChange?.(value.filter((c) => c !== code))}
              />
            ))}
          </Flex>
        )}
      </div>
      <Space.Compact className="jurisdiction-adder">
        <JurisdictionCascader
          id={id}
          aria-label={t('jurisdiction.pick')}
          value={pending?.code ?? null}
          onChange={(code, name) => setPending(code ? { code, name } : null)}
          className="jurisdiction-adder-cascader"
        />
        <Button icon={<PlusOutlined />} onClick={add} disabled={!pending}>
          {t('jurisdiction.add')}
        </Button>
      </Space.Compact>
    </Flex>
  );
}
