/**
 * /join — the open door of the network (开放化): anyone may apply for an organization to join,
 * without an account. Phone first: one column, large touch targets, plain inputs.
 */
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../src/model/organization';
import { type FunctionCell, SERVICE_CATEGORIES, type ServiceCategory } from '../../../src/model/taxonomy';
import { ApiError, applicationApi } from '../api';
import { FunctionMapGrid } from '../components/function-map-grid';
import { fieldSegments, useErrorText } from '../error-text';
import { useDateTime } from '../format';
import { useSessionQuery } from '../session';
import type { ApplicationInput, ApplicationReceipt } from '../types';
import { Field, Tiles } from './fields';
import { AreaName } from './incidents';
import { JurisdictionSelects } from './jurisdiction-selects';
import { ErrorNotice, PublicShell } from './shell';

type ApplicantKind = Exclude<OrganizationKind, 'government_agency'>;
const APPLICANT_KINDS = ORGANIZATION_KINDS.filter((kind): kind is ApplicantKind => kind !== 'government_agency');

interface Values {
  kind: ApplicantKind | null;
  name: string;
  nameEn: string;
  creditCode: string;
  supervisingAgency: string;
  jurisdictions: string[];
  cells: FunctionCell[];
  serviceCategories: ServiceCategory[];
  contactName: string;
  phone: string;
  email: string;
}

type FieldName = keyof Values;
type Errors = Partial<Record<FieldName, string>>;

const INITIAL: Values = {
  kind: null,
  name: '',
  nameEn: '',
  creditCode: '',
  supervisingAgency: '',
  jurisdictions: [],
  cells: [],
  serviceCategories: [],
  contactName: '',
  phone: '',
  email: '',
};

// The server's rule (src/services/membership/applications.ts): a mainland mobile number, or
// a landline with its area code.
const PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const compactPhone = (phone: string) => phone.replace(/[\s()]/g, '');

const text = (value: string): string | null => {
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
};

function toInput(v: Values): ApplicationInput {
  return {
    organization: {
      kind: v.kind as ApplicantKind,
      name: v.name.trim(),
      nameEn: text(v.nameEn),
      creditCode: text(v.creditCode)?.toUpperCase() ?? null,
      supervisingAgency: text(v.supervisingAgency),
      jurisdictions: v.jurisdictions,
      capabilities: { cells: v.cells, serviceCategories: v.serviceCategories },
    },
    contact: { name: v.contactName.trim(), phone: compactPhone(v.phone), email: text(v.email) },
  };
}

/** The form field a problem's field names ("organization/name", "contact/phone", "creditCode"). */
function fieldOf(error: unknown): FieldName | null {
  if (!(error instanceof ApiError) || !error.field) return null;
  const segments = fieldSegments(error.field);
  const last = segments[segments.length - 1];
  if (segments[0] === 'contact')
    return last === 'name' ? 'contactName' : last === 'phone' ? 'phone' : last === 'email' ? 'email' : null;
  const known: FieldName[] = [
    'kind',
    'name',
    'nameEn',
    'creditCode',
    'supervisingAgency',
    'jurisdictions',
    'cells',
    'serviceCategories',
  ];
  return known.find((name) => segments.includes(name)) ?? null;
}

function JurisdictionList({ value, onChange, error }: { value: string[]; onChange: (codes: string[]) => void; error?: string }) {
  const { t } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const [round, setRound] = useState(0);
  return (
    <div className="pp-field">
      <div aria-live="polite" className="pp-chips">
        {value.length === 0 ? (
          <span className="pp-hint">{t('jurisdiction.none')}</span>
        ) : (
          value.map((code, i) => (
            <span key={code} className={i === 0 ? 'pp-chip jurisdiction-tag-marked' : 'pp-chip'}>
              {i === 0 ? <span className="pp-chip-mark">{t('join.homeTag')}</span> : null}
              <AreaName code={code} />
              <button
                type="button"
                className="pp-chip-remove"
                aria-label={t('jurisdiction.remove', { name: code })}
                onClick={() => onChange(value.filter((c) => c !== code))}
              >
                ×
              </button>
            </span>
          ))
        )}
      </div>
      {/* A new set of selects after each addition, so the next area starts from the province. */}
      <JurisdictionSelects key={round} legend={t('jurisdiction.pick')} value={pending} onChange={setPending} error={error} />
      <button
        type="button"
        className="pp-button"
        disabled={!pending}
        onClick={() => {
          if (pending && !value.includes(pending)) onChange([...value, pending]);
          setPending(null);
          setRound((n) => n + 1);
        }}
      >
        {t('jurisdiction.add')}
      </button>
    </div>
  );
}

function Receipt({ receipt, name, onAgain }: { receipt: ApplicationReceipt; name: string; onAgain: () => void }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  return (
    <section className="pp-receipt" data-testid="join-receipt">
      <div className="pp-done">
        <span className="pp-done-icon" aria-hidden="true">
          ✓
        </span>
        <h1 className="pp-title">{t('join.receipt.title')}</h1>
        <p className="pp-lead">{t('join.receipt.body', { name })}</p>
      </div>
      <dl className="pp-facts">
        <dt>{t('join.receipt.id')}</dt>
        <dd className="pp-mono" data-testid="application-id">
          {receipt.id}
        </dd>
        <dt>{t('join.receipt.submittedAt')}</dt>
        <dd>{dateTime(receipt.createdAt)}</dd>
        <dt>{t('join.receipt.status')}</dt>
        <dd>{t('membership.status.under_review')}</dd>
      </dl>
      <p className="pp-hint">{t('join.receipt.keepId')}</p>
      <h2 className="pp-subtitle">{t('join.receipt.next')}</h2>
      <ol className="pp-history">
        <li>{t('join.receipt.step1')}</li>
        <li>{t('join.receipt.step2')}</li>
        <li>{t('join.receipt.step3')}</li>
      </ol>
      <button type="button" className="pp-button pp-block" onClick={onAgain}>
        {t('join.receipt.again')}
      </button>
      <a href="/login" className="pp-links">
        {t('join.receipt.toLogin')}
      </a>
    </section>
  );
}

export function JoinPage() {
  const { t } = useTranslation();
  const { message } = useErrorText();
  // A signed-in visitor's session brings the CSRF token its cookie needs on POST.
  useSessionQuery();
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ receipt: ApplicationReceipt; name: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);

  useEffect(() => {
    if (!focusError) return;
    const first = formRef.current?.querySelector<HTMLElement>(
      '.pp-field-invalid input, .pp-field-invalid select, .pp-field-invalid textarea',
    );
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  const set = <K extends FieldName>(name: K, value: Values[K]) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const check = (v: Values): Errors => {
    const found: Errors = {};
    if (!v.kind) found.kind = t('join.kindRequired');
    if (!v.name.trim()) found.name = t('form.required');
    if (v.jurisdictions.length === 0) found.jurisdictions = t('organization.jurisdictionsRequired');
    if (!v.contactName.trim()) found.contactName = t('form.required');
    if (!v.phone.trim()) found.phone = t('form.required');
    else if (!PHONE.test(compactPhone(v.phone))) found.phone = t('join.phoneInvalid');
    if (v.email.trim() && !EMAIL.test(v.email.trim())) found.email = t('form.email');
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    if (Object.values(found).some(Boolean)) {
      setFocusError((n) => n + 1);
      return;
    }
    setError(null);
    setBusy(true);
    try {
      const input = toInput(values);
      const answer = await applicationApi.submit(input);
      setReceipt({ receipt: answer, name: input.organization.name });
      setValues(INITIAL);
      window.scrollTo({ top: 0 });
    } catch (failure) {
      const field = fieldOf(failure);
      if (field) {
        setErrors({ [field]: field === 'phone' ? t('join.phoneInvalid') : message(failure) });
        setFocusError((n) => n + 1);
      } else {
        setError(failure);
        window.scrollTo({ top: 0 });
      }
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <PublicShell home="/join" brand={t('app.name')}>
        <Receipt receipt={receipt.receipt} name={receipt.name} onAgain={() => setReceipt(null)} />
      </PublicShell>
    );
  }

  const input =
    (name: 'name' | 'nameEn' | 'creditCode' | 'supervisingAgency' | 'contactName' | 'phone' | 'email', extra = {}) =>
    ({ id, describedBy, invalid }: { id: string; describedBy: string | undefined; invalid: boolean }) => (
      <input
        id={id}
        className="pp-input"
        value={values[name]}
        onChange={(event) => set(name, event.target.value)}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        {...extra}
      />
    );

  return (
    <PublicShell home="/join" brand={t('app.name')}>
      <h1 className="pp-title">{t('join.title')}</h1>
      <p className="pp-lead">{t('join.intro')}</p>
      <form ref={formRef} className="pp-form" name="join" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error} onClose={() => setError(null)} />
        <section className="pp-section" aria-labelledby="join-organization">
          <h2 className="pp-subtitle" id="join-organization">
            {t('join.sections.organization')}
          </h2>
          <Tiles
            legend={t('field.kind')}
            error={errors.kind}
            required
            type="radio"
            name="kind"
            options={APPLICANT_KINDS.map((kind) => ({
              value: kind,
              label: `${t(`kind.${kind}`)}：${t(`join.kindHint.${kind}`)}`,
            }))}
            selected={values.kind ? [values.kind] : []}
            onToggle={(kind) => set('kind', kind)}
            tileClass={() => 'pp-tile-wide'}
          />
          <Field label={t('field.name')} error={errors.name} required>
            {input('name', { maxLength: 200, autoComplete: 'organization', 'aria-required': true })}
          </Field>
          <Field label={t('join.nameEnOptional')} error={errors.nameEn}>
            {input('nameEn', { maxLength: 200, lang: 'en' })}
          </Field>
          <Field label={t('field.creditCode')} hint={t('organization.creditCodeHint')} error={errors.creditCode}>
            {input('creditCode', { maxLength: 18, autoComplete: 'off', autoCapitalize: 'characters', spellCheck: false })}
          </Field>
          <Field
            label={t('join.supervisingAgencyOptional')}
            hint={t('join.supervisingAgencyHint')}
            error={errors.supervisingAgency}
          >
            {input('supervisingAgency', { maxLength: 200 })}
          </Field>
        </section>

        <section className="pp-section" aria-labelledby="join-area">
          <h2 className="pp-subtitle" id="join-area">
            {t('join.sections.area')}
          </h2>
          <p className="pp-hint">{t('join.homeHint')}</p>
          <JurisdictionList
            value={values.jurisdictions}
            onChange={(codes) => set('jurisdictions', codes)}
            error={errors.jurisdictions}
          />
        </section>

        <section className="pp-section" aria-labelledby="join-capabilities">
          <h2 className="pp-subtitle" id="join-capabilities">
            {t('join.sections.capabilities')}
          </h2>
          <p className="pp-hint">{t('join.capabilitiesIntro')}</p>
          <FunctionMapGrid editable value={values.cells} onChange={(cells) => set('cells', cells)} />
          <Tiles
            legend={t('field.serviceCategories')}
            error={errors.serviceCategories}
            type="checkbox"
            name="serviceCategories"
            options={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
            selected={values.serviceCategories}
            onToggle={(category, checked) =>
              set(
                'serviceCategories',
                checked ? [...values.serviceCategories, category] : values.serviceCategories.filter((c) => c !== category),
              )
            }
          />
        </section>

        <section className="pp-section" aria-labelledby="join-contact">
          <h2 className="pp-subtitle" id="join-contact">
            {t('join.sections.contact')}
          </h2>
          <p className="pp-hint">{t('join.contactIntro')}</p>
          <Field label={t('join.contactName')} error={errors.contactName} required>
            {input('contactName', { maxLength: 50, autoComplete: 'name', 'aria-required': true })}
          </Field>
          <Field label={t('join.phone')} hint={t('join.phoneHint')} error={errors.phone} required>
            {input('phone', { type: 'tel', inputMode: 'tel', maxLength: 30, autoComplete: 'tel', 'aria-required': true })}
          </Field>
          <Field label={t('join.emailOptional')} error={errors.email}>
            {input('email', { type: 'email', inputMode: 'email', maxLength: 254, autoComplete: 'email' })}
          </Field>
        </section>

        <p className="pp-hint">{t('join.consent')}</p>
        <button
          type="submit"
          className="pp-button pp-primary pp-block"
          disabled={busy}
          aria-busy={busy || undefined}
          data-testid="join-submit"
        >
          {t('join.submit')}
        </button>
        <a href="/login" className="pp-links">
          {t('join.haveAccount')}
        </a>
      </form>
    </PublicShell>
  );
}
