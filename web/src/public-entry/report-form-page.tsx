/**
 * /report/:incidentId — 公众求助: anyone, on a phone, without an account, asks for help and gets a
 * receipt code. Plain inputs and big touch targets; the form keeps one Idempotency-Key until it
 * goes through (submit-report.ts), so a retried submit never doubles. The map is optional and
 * loads only when asked for.
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES, VULNERABLE_GROUPS } from '../../../src/model/need';
import { useMyLocation } from '../components/my-location';
import { compactPhone, PHONE } from '../public-form';
import { useSessionQuery } from '../session';
import type { PublicIncident, ServiceCategory, Urgency, VulnerableGroup } from '../types';
import { Field, PHONE_INPUT, SubmitButton, TextInput, Tiles } from './fields';
import { type FieldErrors, usePublicForm } from './form';
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

/** A latitude's or longitude's input: a decimal number. */
const COORDINATE = { type: 'number', inputMode: 'decimal', step: 'any' } as const;

const number = (text: string): number | null => {
  const value = Number(text.trim());
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

export function ReportFormPage({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  // A signed-in visitor's cookie needs the CSRF token its session brings.
  useSessionQuery();
  const incidents = usePublicIncidents();
  const incident = incidents.data?.find((i) => i.id === incidentId);

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
  return <ReportForm incident={incident} />;
}

function ReportForm({ incident }: { incident: PublicIncident }) {
  const { t } = useTranslation();
  const form = usePublicForm<Values>({
    // The first value of each field (the incident's only area comes preset).
    initial: () => ({
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
    }),
    check: (v) => {
      const found: FieldErrors<Values> = {};
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
    },
  });
  const { values, errors, set } = form;
  const [located, setLocated] = useState<number | null>(null);
  const [showMap, setShowMap] = useState(false);
  const { locate, locating, problem, supported } = useMyLocation();
  /** How many reports this visit kept on the phone for want of a network. */
  const [kept, setKept] = useState(0);

  const fillMyLocation = async () => {
    const position = await locate();
    if (position) {
      set('lat', String(position.lat));
      set('lon', String(position.lon));
      setLocated(position.accuracy);
    }
  };

  const send = async (v: Values) => {
    const outcome = await submitPublicReport(incident.id, {
      title: v.title.trim(),
      category: v.category as ServiceCategory,
      quantity: number(v.quantity) as number,
      unit: v.unit.trim() || undefined,
      jurisdiction: v.jurisdiction as string,
      lat: number(v.lat) as number,
      lon: number(v.lon) as number,
      coordSystem: 'wgs84',
      address: v.address.trim() || null,
      urgency: v.urgency,
      vulnerableGroups: v.vulnerableGroups,
      contactPhone: compactPhone(v.contactPhone),
      contactName: v.contactName.trim() || null,
    });
    if (outcome.state === 'sent') {
      navigate(`/receipt/${encodeURIComponent(outcome.answer.receiptCode)}`, { fresh: true });
      return;
    }
    // No network: the report waits on this phone (listed below); the form is empty for the next one.
    setKept((n) => n + 1);
    form.reset();
    window.scrollTo({ top: 0 });
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
      <form
        ref={form.formRef}
        className="pp-form"
        name="public-report"
        noValidate
        onSubmit={(event) => void form.submit(event, send)}
      >
        <ErrorNotice error={form.error} onClose={() => form.setError(null)} />
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
            required
            {...form.one('category')}
            options={PUBLIC_CATEGORIES.map((category) => ({ value: category, label: t(`category.${category}`) }))}
          />
          <div className="pp-row">
            <TextInput
              label={t('public.howMany')}
              required
              {...form.text('quantity')}
              type="number"
              inputMode="numeric"
              min={1}
              max={1_000_000}
              step={1}
            />
            <TextInput label={t('public.unit')} {...form.text('unit')} maxLength={20} placeholder={t('public.unitPlaceholder')} />
          </div>
          <Tiles
            legend={t('public.urgency')}
            {...form.one('urgency')}
            options={URGENCIES.map((urgency) => ({ value: urgency, label: t(`need.urgency.${urgency}`) }))}
            tileClass={(urgency) => `pp-urgency-${urgency}`}
          />
          <Tiles
            legend={t('public.vulnerable')}
            hint={t('public.vulnerableHint')}
            {...form.many('vulnerableGroups')}
            options={VULNERABLE_GROUPS.map((group) => ({ value: group, label: t(`need.vulnerable.${group}`) }))}
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
              {/* A new map for each report kept on the phone, as the form starts again. */}
              <MapPicker
                key={kept}
                lat={number(values.lat)}
                lon={number(values.lon)}
                onPick={(lat, lon) => {
                  set('lat', String(lat));
                  set('lon', String(lon));
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
            <TextInput label={t('field.lat')} required {...form.text('lat')} {...COORDINATE} min={-90} max={90} />
            <TextInput label={t('field.lon')} required {...form.text('lon')} {...COORDINATE} min={-180} max={180} />
          </div>
          <TextInput
            label={t('public.address')}
            hint={t('public.privateHint')}
            {...form.text('address')}
            maxLength={300}
            autoComplete="street-address"
          />
        </section>

        <section className="pp-section">
          <h2 className="pp-subtitle">{t('public.contact')}</h2>
          <TextInput
            label={t('public.phone')}
            hint={t('public.privateHint')}
            required
            {...form.text('contactPhone')}
            {...PHONE_INPUT}
          />
          <TextInput label={t('public.name')} {...form.text('contactName')} maxLength={50} autoComplete="name" />
        </section>

        <SubmitButton consent={t('public.consent')} busy={form.busy} testId="public-submit">
          {t('public.submit')}
        </SubmitButton>
      </form>
    </PublicShell>
  );
}
