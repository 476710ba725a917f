/**
 * /join — the open door of the network (开放化): anyone may apply for an organization to join,
 * without an account. Phone first: one column, large touch targets, plain inputs.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ORGANIZATION_KINDS, type OrganizationKind } from '../../../src/model/organization';
import { type FunctionCell, SERVICE_CATEGORIES, type ServiceCategory } from '../../../src/model/taxonomy';
import { applicationApi } from '../api';
import { FunctionMapGrid } from '../components/function-map-grid';
import { useDateTime } from '../format';
import { useSessionQuery } from '../session';
import type { ApplicationInput, ApplicationReceipt } from '../types';
import { PHONE_INPUT, SubmitButton, TextInput, Tiles } from './fields';
import { type FieldErrors, usePublicForm } from './form';
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
function fieldOf(segments: string[]): keyof Values | null {
  const last = segments[segments.length - 1];
  if (segments[0] === 'contact')
    return last === 'name' ? 'contactName' : last === 'phone' ? 'phone' : last === 'email' ? 'email' : null;
  const known: (keyof Values)[] = [
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

/** A part of the form, named by its heading. */
function Section({
  name,
  intro,
  children,
}: {
  name: 'organization' | 'area' | 'capabilities' | 'contact';
  intro?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="pp-section" aria-labelledby={`join-${name}`}>
      <h2 className="pp-subtitle" id={`join-${name}`}>
        {t(`join.sections.${name}`)}
      </h2>
      {intro ? <p className="pp-hint">{intro}</p> : null}
      {children}
    </section>
  );
}

export function JoinPage() {
  const { t } = useTranslation();
  // A signed-in visitor's session brings the CSRF token its cookie needs on POST.
  useSessionQuery();
  const form = usePublicForm<Values>({
    initial: () => INITIAL,
    check: (v) => {
      const found: FieldErrors<Values> = {};
      if (!v.kind) found.kind = t('join.kindRequired');
      if (!v.name.trim()) found.name = t('form.required');
      if (v.jurisdictions.length === 0) found.jurisdictions = t('organization.jurisdictionsRequired');
      if (!v.contactName.trim()) found.contactName = t('form.required');
      if (!v.phone.trim()) found.phone = t('form.required');
      else if (!PHONE.test(compactPhone(v.phone))) found.phone = t('join.phoneInvalid');
      if (v.email.trim() && !EMAIL.test(v.email.trim())) found.email = t('form.email');
      return found;
    },
    fieldOf,
    fieldText: (field) => (field === 'phone' ? t('join.phoneInvalid') : undefined),
  });
  const { values, errors, set } = form;
  const [receipt, setReceipt] = useState<{ receipt: ApplicationReceipt; name: string } | null>(null);

  const send = async (v: Values) => {
    const input = toInput(v);
    const answer = await applicationApi.submit(input);
    setReceipt({ receipt: answer, name: input.organization.name });
    form.reset();
    window.scrollTo({ top: 0 });
  };

  if (receipt) {
    return (
      <PublicShell home="/join" brand={t('app.name')}>
        <Receipt receipt={receipt.receipt} name={receipt.name} onAgain={() => setReceipt(null)} />
      </PublicShell>
    );
  }

  return (
    <PublicShell home="/join" brand={t('app.name')}>
      <h1 className="pp-title">{t('join.title')}</h1>
      <p className="pp-lead">{t('join.intro')}</p>
      <form ref={form.formRef} className="pp-form" name="join" noValidate onSubmit={(event) => void form.submit(event, send)}>
        <ErrorNotice error={form.error} onClose={() => form.setError(null)} />
        <Section name="organization">
          <Tiles
            legend={t('field.kind')}
            required
            {...form.one('kind')}
            options={APPLICANT_KINDS.map((kind) => ({
              value: kind,
              label: `${t(`kind.${kind}`)}：${t(`join.kindHint.${kind}`)}`,
            }))}
            tileClass={() => 'pp-tile-wide'}
          />
          <TextInput label={t('field.name')} required {...form.text('name')} maxLength={200} autoComplete="organization" />
          <TextInput label={t('join.nameEnOptional')} {...form.text('nameEn')} maxLength={200} lang="en" />
          <TextInput
            label={t('field.creditCode')}
            hint={t('organization.creditCodeHint')}
            {...form.text('creditCode')}
            maxLength={18}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
          />
          <TextInput
            label={t('join.supervisingAgencyOptional')}
            hint={t('join.supervisingAgencyHint')}
            {...form.text('supervisingAgency')}
            maxLength={200}
          />
        </Section>

        <Section name="area" intro={t('join.homeHint')}>
          <JurisdictionList
            value={values.jurisdictions}
            onChange={(codes) => set('jurisdictions', codes)}
            error={errors.jurisdictions}
          />
        </Section>

        <Section name="capabilities" intro={t('join.capabilitiesIntro')}>
          <FunctionMapGrid editable value={values.cells} onChange={(cells) => set('cells', cells)} />
          <Tiles
            legend={t('field.serviceCategories')}
            {...form.many('serviceCategories')}
            options={SERVICE_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
          />
        </Section>

        <Section name="contact" intro={t('join.contactIntro')}>
          <TextInput label={t('join.contactName')} required {...form.text('contactName')} maxLength={50} autoComplete="name" />
          <TextInput label={t('join.phone')} hint={t('join.phoneHint')} required {...form.text('phone')} {...PHONE_INPUT} />
          <TextInput
            label={t('join.emailOptional')}
            {...form.text('email')}
            type="email"
            inputMode="email"
            maxLength={254}
            autoComplete="email"
          />
        </Section>

        <SubmitButton consent={t('join.consent')} busy={form.busy} testId="join-submit">
          {t('join.submit')}
        </SubmitButton>
        <a href="/login" className="pp-links">
          {t('join.haveAccount')}
        </a>
      </form>
    </PublicShell>
  );
}
