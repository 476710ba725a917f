/**
 * What the public pages (求助, 捐赠, 公开透明) share: the open incidents and the line that describes
 * one, phone numbers as people write them, the Idempotency-Key a public form keeps, and the form
 * that asks for a code (a receipt's, a donation's).
 */
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { newIdempotencyKey, publicApi } from '../../api';
import { useJurisdictionName } from '../../components/jurisdiction-name';
import type { PublicIncident } from '../../types';

/** A phone number as people write one in China (mobile, landline, short service numbers). */
export const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{3,6})$/;
export const compactPhone = (phone: string) => phone.replace(/[\s()-]/g, '');

/** One Idempotency-Key per public form (`purpose`: report, offer), kept in this tab until the form goes through. */
export function formKey(incidentId: string, purpose = 'report'): { key: string; done: () => void } {
  const name = `corespond.${purpose}-key.${incidentId}`;
  let key: string | null = null;
  try {
    key = window.sessionStorage.getItem(name);
    if (!key) {
      key = newIdempotencyKey();
      window.sessionStorage.setItem(name, key);
    }
  } catch {
    key ??= newIdempotencyKey();
  }
  return {
    key,
    done: () => {
      try {
        window.sessionStorage.removeItem(name);
      } catch {
        // storage unavailable: nothing to forget
      }
    },
  };
}

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
