/**
 * What the public pages of the coordinators' app (捐赠, 公开透明) share: the open incidents and the
 * line that describes one, and the form that asks for a code (a donation's); phone numbers and
 * the Idempotency-Key come from web/src/public-form.ts, shared with the light public pages.
 */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { publicApi } from '../../api';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import type { PublicIncident } from '../../types';

export { compactPhone, formKey, PHONE } from '../../public-form';

/** A division's name (GB/T 2260), or its code until the name is known. */
export function AreaName({ code }: { code: string }) {
  return <>{useJurisdictionName(code) ?? code}</>;
}

export function IncidentLine({ incident }: { incident: PublicIncident }) {
  const { t } = useTranslation();
  return (
    <span className="public-incident-facts">
      <span className={`public-level public-level-${incident.level}`}>{t(`incident.level.${incident.level}`)}</span>
      {incident.warningColor ? (
        <span className={`public-warning warning-${incident.warningColor}`}>
          {t(`incident.warning.${incident.warningColor}`)}
        </span>
      ) : null}
      <span>
        {incident.jurisdictions.slice(0, 3).map((code, i) => (
          <span key={code}>
            {i > 0 ? '、' : ''}
            <AreaName code={code} />
          </span>
        ))}
      </span>
    </span>
  );
}

export function usePublicIncidents() {
  return useQuery({ queryKey: ['public', 'incidents'], queryFn: publicApi.incidents, staleTime: 60_000 });
}

/** Asks for a code (receipt, donation) and goes to `path`/CODE; the code lives in the URL only, never in storage. */
export function PublicCodeForm({
  id,
  path,
  initial = '',
  label,
  placeholder,
  button,
}: {
  id: string;
  path: string;
  initial?: string;
  label: string;
  placeholder: string;
  button: string;
}) {
  const navigate = useNavigate();
  const [code, setCode] = useState(initial);
  const go = () => {
    const clean = code.replace(/\s+/g, '').toUpperCase();
    if (clean) navigate(`${path}/${encodeURIComponent(clean)}`);
  };
  return (
    <form
      className="public-code-form"
      onSubmit={(event) => {
        event.preventDefault();
        go();
      }}
    >
      <label htmlFor={id} className="public-code-label">
        {label}
      </label>
      <div className="public-code-row">
        <Input
          id={id}
          size="large"
          value={code}
          onChange={(event) => setCode(event.target.value)}
          maxLength={20}
          autoCapitalize="characters"
          autoComplete="off"
          spellCheck={false}
          className="public-code-input"
          placeholder={placeholder}
        />
        <Button type="primary" size="large" htmlType="submit" icon={<SearchOutlined />}>
          {button}
        </Button>
      </div>
    </form>
  );
}
