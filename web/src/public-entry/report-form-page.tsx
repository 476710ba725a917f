/**
 * /report/:incidentId — 公众求助: anyone, on a phone, without an account, asks for help and gets a
 * receipt code. Plain inputs and big touch targets; the form keeps one Idempotency-Key until it
 * goes through (submit-report.ts), so a retried submit never doubles. The map is optional and
 * loads only when asked for.
 */
import { type FormEvent, lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES, VULNERABLE_GROUPS } from '../../../src/model/need';
import { ApiError } from '../api';
import { useMyLocation } from '../components/my-location';
import { fieldSegments, useErrorText } from '../error-text';
import { compactPhone, PHONE } from '../public-form';
import { useSessionQuery } from '../session';
import type { ServiceCategory, Urgency, VulnerableGroup } from '../types';
import { Field, Tiles } from './fields';
import { IncidentLine, usePublicIncidents } from './incidents';
import { JurisdictionSelects } from './jurisdiction-selects';
import { PublicOutbox } from './public-outbox';
import { Link, navigate } from './router';
import { EmergencyNumbers, ErrorNotice, Loading, Notice, PublicShell } from './shell';
import { submitPublicReport } from './submit-report';

const MapPicker = lazy(() => import('./map-picker'));

/** What people most often ask for; the rest of the categories are for coordinators. */
const PUBLIC_CATEGORIES: ServiceCategory[] = [
  'search_rescue',
  'emergency_medical',
  'shelter',
  'food',
  'water_sanitation',
  'logistics_transport',
  'psychosocial',
  'protection',
];

interface Values {
  title: string;
  category: ServiceCategory | null;
  quantity: string;
  unit: string;
  jurisdiction: string | null;
  lat: string;
  lon: string;
  address: string;
  urgency: Urgency;
  vulnerableGroups: VulnerableGroup[];
  contactPhone: string;
  contactName: string;
}

type FieldName = keyof Values;
type Errors = Partial<Record<FieldName, string>>;

const FIELD_NAMES: readonly FieldName[] = [
  'title',
  'category',
  'quantity',
  'unit',
  'jurisdiction',
  'lat',
  'lon',
  'address',
  'urgency',
  'vulnerableGroups',
  'contactPhone',
  'contactName',
];

const number = (text: string): number | null => {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

export function ReportFormPage({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  const { message } = useErrorText();
  // A signed-in visitor's cookie needs the CSRF token its session brings.
  useSessionQuery();
  const incidents = usePublicIncidents();
  const incident = incidents.data?.find((i) => i.id === incidentId);
  const [values, setValues] = useState<Values | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [located, setLocated] = useState<number | null>(null);
  const [showMap, setShowMap] = useState(false);
  const { locate, locating, problem, supported } = useMyLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [focusError, setFocusError] = useState(0);
  /** How many reports this visit kept on the phone for want of a network. */
  const [kept, setKept] = useState(0);

  // The first value of each field, once the incident is known (its only area comes preset).
  useEffect(() => {
    if (!incident || values) return;
    setValues({
      title: '',
      category: null,
      quantity: '1',
      unit: t('public.unitDefault'),
      jurisdiction: incident.jurisdictions.length === 1 ? (incident.jurisdictions[0] ?? null) : null,
      lat: '',
      lon: '',
      address: '',
      urgency: 'high',
      vulnerableGroups: [],
      contactPhone: '',
      contactName: '',
    });
  }, [incident, values, t]);

  // After a failed check, the first field in error takes the focus (and the reader's eye).
  useEffect(() => {
    if (!focusError) return;
    const first = formRef.current?.querySelector<HTMLElement>(
      '.pp-field-invalid input, .pp-field-invalid select, .pp-field-invalid textarea',
    );
    first?.focus();
    first?.scrollIntoView({ block: 'center' });
  }, [focusError]);

  if (incidents.isPending) {
    return (
      <PublicShell>
        <Loading />
      </PublicShell>
    );
  }
  if (!incident) {
    return (
      <PublicShell>
        <ErrorNotice error={incidents.error} />
        <Notice tone="warning">{t('public.incidentGone')}</Notice>
        <p className="pp-links">
          <Link to="/report">{t('public.backToIncidents')}</Link>
        </p>
      </PublicShell>
    );
  }
  if (!values) return null;

  const set = <K extends FieldName>(name: K, value: Values[K]) => {
    setValues((current) => (current ? { ...current, [name]: value } : current));
    setErrors((current) => ({ ...current, [name]: undefined }));
  };

  const check = (v: Values): Errors => {
    const found: Errors = {};
    const lat = number(v.lat);
    const lon = number(v.lon);
    const quantity = number(v.quantity);
    if (!v.title.trim()) found.title = t('form.required');
    if (!v.category) found.category = t('public.chooseOne');
    if (quantity === null || !Number.isInteger(quantity) || quantity < 1 || quantity > 1_000_000)
      found.quantity = t('form.required');
    if (!v.jurisdiction) found.jurisdiction = t('form.required');
    if (lat === null || lat < -90 || lat > 90) found.lat = t('public.needPlace');
    if (lon === null || lon < -180 || lon > 180) found.lon = t('public.needPlace');
    if (!v.contactPhone.trim()) found.contactPhone = t('public.phoneRequired');
    else if (!PHONE.test(compactPhone(v.contactPhone))) found.contactPhone = t('public.phoneInvalid');
    return found;
  };

  const fillMyLocation = async () => {
    const position = await locate();
    if (position) {
      set('lat', String(position.lat));
      set('lon', String(position.lon));
      setErrors((current) => ({ ...current, lat: undefined, lon: undefined }));
      setLocated(position.accuracy);
    }
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
      const outcome = await submitPublicReport(incidentId, {
        title: values.title.trim(),
        category: values.category as ServiceCategory,
        quantity: number(values.quantity) as number,
        unit: values.unit.trim() || undefined,
        jurisdiction: values.jurisdiction as string,
        lat: number(values.lat) as number,
        lon: number(values.lon) as number,
        coordSystem: 'wgs84',
        address: values.address.trim() || null,
        urgency: values.urgency,
        vulnerableGroups: values.vulnerableGroups,
        contactPhone: compactPhone(values.contactPhone),
        contactName: values.contactName.trim() || null,
      });
      if (outcome.state === 'sent') {
        navigate(`/receipt/${encodeURIComponent(outcome.answer.receiptCode)}`, { fresh: true });
        return;
      }
      // No network: the report waits on this phone (listed below); the form is empty for the next one.
      setKept((n) => n + 1);
      setValues(null);
      window.scrollTo({ top: 0 });
    } catch (failure) {
      // A problem that names a field is shown at that field; any other above the form.
      const field =
        failure instanceof ApiError && failure.field
          ? FIELD_NAMES.find((name) => fieldSegments(failure.field ?? '').includes(name))
          : undefined;
      if (field) {
        setErrors({ [field]: message(failure) });
        setFocusError((n) => n + 1);
      } else {
        setError(failure);
        window.scrollTo({ top: 0 });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <PublicShell>
      <p className="pp-back">
        <Link to="/report">← {t('public.backToIncidents')}</Link>
      </p>
      <h1 className="pp-title">{t('public.formTitle')}</h1>
      <p className="pp-lead">
        <strong>{incident.name}</strong> <IncidentLine incident={incident} />
      </p>
      <EmergencyNumbers />
      {kept > 0 ? (
        <Notice tone="warning" testId="report-kept">
          {t('public.keptOnPhone')}
        </Notice>
      ) : null}
      <PublicOutbox />
      <form ref={formRef} className="pp-form" name="public-report" noValidate onSubmit={(event) => void submit(event)}>
        <ErrorNotice error={error} onClose={() => setError(null)} />
        <section className="pp-section">
          <Field label={t('public.what')} error={errors.title} required>
            {({ id, describedBy, invalid }) => (
              <textarea
                id={id}
                className="pp-input"
                rows={3}
                maxLength={200}
                value={values.title}
                placeholder={t('public.whatPlaceholder')}
                onChange={(event) => set('title', event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required
              />
            )}
          </Field>
          <Tiles
            legend={t('public.kindOfHelp')}
            error={errors.category}
            required
            type="radio"
            name="category"
            options={PUBLIC_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
            selected={values.category ? [values.category] : []}
            onToggle={(category) => set('category', category)}
          />
          <div className="pp-row">
            <Field label={t('public.howMany')} error={errors.quantity} required>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="pp-input"
                  type="number"
                  inputMode="numeric"
                  min={1}
                  max={1_000_000}
                  step={1}
                  value={values.quantity}
                  onChange={(event) => set('quantity', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  aria-required
                />
              )}
            </Field>
            <Field label={t('public.unit')} error={errors.unit}>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  className="pp-input"
                  maxLength={20}
                  value={values.unit}
                  placeholder={t('public.unitPlaceholder')}
                  onChange={(event) => set('unit', event.target.value)}
                  aria-describedby={describedBy}
                />
              )}
            </Field>
          </div>
          <Tiles
            legend={t('public.urgency')}
            type="radio"
            name="urgency"
            options={URGENCIES.map((urgency) => ({ value: urgency, label: t(`need.urgency.${urgency}`) }))}
            selected={[values.urgency]}
            onToggle={(urgency) => set('urgency', urgency)}
            tileClass={(urgency) => `pp-urgency-${urgency}`}
          />
          <Tiles
            legend={t('public.vulnerable')}
            hint={t('public.vulnerableHint')}
            type="checkbox"
            name="vulnerableGroups"
            options={VULNERABLE_GROUPS.map((group) => ({ value: group, label: t(`need.vulnerable.${group}`) }))}
            selected={values.vulnerableGroups}
            onToggle={(group, checked) =>
              set(
                'vulnerableGroups',
                checked ? [...values.vulnerableGroups, group] : values.vulnerableGroups.filter((g) => g !== group),
              )
            }
          />
        </section>

        <section className="pp-section">
          <h2 className="pp-subtitle">{t('public.where')}</h2>
          <JurisdictionSelects
            legend={t('public.area')}
            value={values.jurisdiction}
            onChange={(code) => set('jurisdiction', code)}
            error={errors.jurisdiction}
            required
          />
          <button
            type="button"
            className="pp-button pp-block"
            onClick={() => void fillMyLocation()}
            disabled={!supported || locating}
            aria-busy={locating || undefined}
            data-testid="use-my-location"
          >
            <span aria-hidden="true">⌖ </span>
            {t('location.useMine')}
          </button>
          {located !== null ? (
            <p className="pp-located" role="status">
              {t('public.located', { metres: located })}
            </p>
          ) : null}
          {problem ? <Notice tone="warning">{problem}</Notice> : null}
          {showMap ? (
            <Suspense fallback={<Loading />}>
              <MapPicker
                lat={number(values.lat)}
                lon={number(values.lon)}
                onPick={(lat, lon) => {
                  set('lat', String(lat));
                  set('lon', String(lon));
                  setErrors((current) => ({ ...current, lat: undefined, lon: undefined }));
                }}
              />
            </Suspense>
          ) : (
            <button type="button" className="pp-button pp-block" onClick={() => setShowMap(true)} data-testid="show-map">
              {t('public.showMap')}
            </button>
          )}
          <p className="pp-hint">{t('public.manualHint')}</p>
          <div className="pp-row">
            <Field label={t('field.lat')} error={errors.lat} required>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="pp-input"
                  type="number"
                  inputMode="decimal"
                  min={-90}
                  max={90}
                  step="any"
                  value={values.lat}
                  onChange={(event) => set('lat', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  aria-required
                />
              )}
            </Field>
            <Field label={t('field.lon')} error={errors.lon} required>
              {({ id, describedBy, invalid }) => (
                <input
                  id={id}
                  className="pp-input"
                  type="number"
                  inputMode="decimal"
                  min={-180}
                  max={180}
                  step="any"
                  value={values.lon}
                  onChange={(event) => set('lon', event.target.value)}
                  aria-describedby={describedBy}
                  aria-invalid={invalid || undefined}
                  aria-required
                />
              )}
            </Field>
          </div>
          <Field label={t('public.address')} hint={t('public.privateHint')} error={errors.address}>
            {({ id, describedBy }) => (
              <input
                id={id}
                className="pp-input"
                maxLength={300}
                autoComplete="street-address"
                value={values.address}
                onChange={(event) => set('address', event.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </section>

        <section className="pp-section">
          <h2 className="pp-subtitle">{t('public.contact')}</h2>
          <Field label={t('public.phone')} hint={t('public.privateHint')} error={errors.contactPhone} required>
            {({ id, describedBy, invalid }) => (
              <input
                id={id}
                className="pp-input"
                type="tel"
                inputMode="tel"
                maxLength={30}
                autoComplete="tel"
                value={values.contactPhone}
                onChange={(event) => set('contactPhone', event.target.value)}
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                aria-required
              />
            )}
          </Field>
          <Field label={t('public.name')} error={errors.contactName}>
            {({ id, describedBy }) => (
              <input
                id={id}
                className="pp-input"
                maxLength={50}
                autoComplete="name"
                value={values.contactName}
                onChange={(event) => set('contactName', event.target.value)}
                aria-describedby={describedBy}
              />
            )}
          </Field>
        </section>

        <p className="pp-hint">{t('public.consent')}</p>
        <button
          type="submit"
          className="pp-button pp-primary pp-block"
          disabled={busy}
          aria-busy={busy || undefined}
          data-testid="public-submit"
        >
          {t('public.submit')}
        </button>
      </form>
    </PublicShell>
  );
}
