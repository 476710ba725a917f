/**
 * 发布预警: the warning composer. Fields as CAP has them, the areas as GB/T 2260 divisions and
 * an optional polygon, typed as "lat,lon" pairs or clicked on the map of the area (the two kept
 * in step), and a live preview of the CAP 1.2 document the server itself would publish
 * (POST /alerts/preview).
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, Radio, Row, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { CAP_CATEGORIES, CAP_CERTAINTIES, CAP_URGENCIES, COLOR_SEVERITY } from '../../../../src/model/alert';
import { WARNING_COLORS } from '../../../../src/model/incident';
import { alertApi, incidentApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionListPicker } from '../../components/jurisdiction-list-picker';
import { PageHeader } from '../../components/page-header';
import type { AlertInput } from '../../types';
import { ALERT_COLORS } from './alert-parts';
import { AlertAreaMap } from './area-map';

interface Values {
  event: string;
  headline: string;
  description?: string;
  instruction?: string;
  warningColor: AlertInput['warningColor'];
  category: AlertInput['category'];
  urgency: AlertInput['urgency'];
  certainty: AlertInput['certainty'];
  jurisdictions: string[];
  polygon?: string;
  expires: Dayjs;
}

/** "lat,lon lat,lon …" (spaces, semicolons or new lines between points) as [[lat, lon], …]; undefined when it does not read. */
export function parsePolygon(text: string | undefined): [number, number][] | null | undefined {
  const trimmed = (text ?? '').trim();
  if (!trimmed) return null;
  const points = trimmed.split(/[\s;；]+/).map((pair) => pair.split(/[,，]/).map(Number));
  if (points.some((p) => p.length !== 2 || p.some((n) => !Number.isFinite(n)))) return undefined;
  return points as [number, number][];
}

/** Points as the polygon field writes them. */
export function formatPolygon(points: [number, number][]): string {
  return points.map(([lat, lon]) => `${lat},${lon}`).join(' ');
}

/**
 * The body to send, or null while a required field is missing or the polygon does not read.
 * The preview leaves out a polygon of fewer than three points (one still being drawn); publishing
 * sends it as it is, for the server to refuse with its reason.
 */
function inputOf(values: Partial<Values>, incidentId: string | null, preview = false): AlertInput | null {
  let polygon = parsePolygon(values.polygon);
  if (!values.event || !values.headline || !values.jurisdictions?.length || !values.expires || polygon === undefined) return null;
  if (preview && polygon && polygon.length < 3) polygon = null;
  return {
    ...(incidentId ? { incidentId } : {}),
    event: values.event,
    headline: values.headline,
    description: values.description || null,
    instruction: values.instruction || null,
    warningColor: values.warningColor ?? 'blue',
    category: values.category ?? 'Met',
    urgency: values.urgency ?? 'Expected',
    certainty: values.certainty ?? 'Likely',
    jurisdictions: values.jurisdictions,
    polygon,
    expires: values.expires.toISOString(),
  };
}

/** The input after the reader stops typing for a moment (the preview asks the server once). */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export function ComposeAlertPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const incidentId = params.get('incident');
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  const input = inputOf(values ?? {}, incidentId, true);
  const settled = useSettled(input ? JSON.stringify(input) : null);
  const preview = useQuery({
    queryKey: ['alert-preview', settled],
    queryFn: () => alertApi.preview(JSON.parse(settled as string) as AlertInput),
    enabled: settled !== null,
    retry: false,
  });
  const publish = useMutation({
    mutationFn: (body: AlertInput) => alertApi.publish(body),
    onSuccess: (alert) => {
      // The board's card and the warning lists show it at once, not after their cache goes stale.
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
      void message.success(t('alerts.published', { identifier: alert.identifier }));
      navigate(incidentId ? `/incidents/${encodeURIComponent(incidentId)}` : `/alerts/${encodeURIComponent(alert.id)}`);
    },
  });
  const polygon = useMemo(() => parsePolygon(values?.polygon), [values?.polygon]);
  const lastPolygon = useRef<[number, number][]>([]);
  if (polygon !== undefined) lastPolygon.current = polygon ?? [];
  // Composing from an incident's board: its areas and colour are the starting point.
  const incident = useQuery({
    queryKey: ['incident', incidentId],
    queryFn: () => incidentApi.get(incidentId as string),
    enabled: incidentId !== null,
  });
  useEffect(() => {
    if (!incident.data) return;
    if (!form.getFieldValue('jurisdictions')?.length) form.setFieldValue('jurisdictions', incident.data.jurisdictions);
    if (incident.data.warningColor) form.setFieldValue('warningColor', incident.data.warningColor);
  }, [incident.data, form]);

  return (
    <>
      <PageHeader
        title={t('alerts.composeTitle')}
        crumbs={[{ title: t('nav.alerts'), to: '/warnings' }, { title: t('alerts.composeTitle') }]}
        subtitle={t('alerts.composeSubtitle')}
        tags={
          incident.data ? (
            <Typography.Text type="secondary">{t('alerts.forIncident', { name: incident.data.name })}</Typography.Text>
          ) : undefined
        }
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card>
            <Form<Values>
              form={form}
              layout="vertical"
              initialValues={{
                warningColor: 'yellow',
                category: 'Met',
                urgency: 'Expected',
                certainty: 'Likely',
                jurisdictions: [],
                expires: dayjs().add(1, 'day'),
              }}
              onFinish={(v) => {
                const body = inputOf(v, incidentId);
                if (body) publish.mutate(body);
              }}
            >
              <Form.Item name="event" label={t('alerts.field.event')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={200} placeholder={t('alerts.eventPlaceholder')} data-testid="alert-event" />
              </Form.Item>
              <Form.Item name="headline" label={t('alerts.field.headline')} rules={[{ required: true, whitespace: true }]}>
                <Input maxLength={300} data-testid="alert-headline-input" />
              </Form.Item>
              <Form.Item name="warningColor" label={t('alerts.field.warningColor')}>
                <Radio.Group data-testid="alert-color">
                  {WARNING_COLORS.map((c) => (
                    <Radio.Button key={c} value={c}>
                      {t(`incident.warning.${c}`)} · {t(`alerts.severity.${COLOR_SEVERITY[c]}`)}
                    </Radio.Button>
                  ))}
                </Radio.Group>
              </Form.Item>
              <Row gutter={8}>
                <Col span={8}>
                  <Form.Item name="category" label={t('alerts.field.category')}>
                    <Select options={CAP_CATEGORIES.map((c) => ({ value: c, label: t(`alerts.category.${c}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="urgency" label={t('alerts.field.urgency')}>
                    <Select options={CAP_URGENCIES.map((c) => ({ value: c, label: t(`alerts.urgency.${c}`) }))} />
                  </Form.Item>
                </Col>
                <Col span={8}>
                  <Form.Item name="certainty" label={t('alerts.field.certainty')}>
                    <Select options={CAP_CERTAINTIES.map((c) => ({ value: c, label: t(`alerts.certainty.${c}`) }))} />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name="description" label={t('alerts.field.description')}>
                <Input.TextArea rows={3} maxLength={5000} />
              </Form.Item>
              <Form.Item name="instruction" label={t('alerts.field.instruction')}>
                <Input.TextArea rows={2} maxLength={5000} />
              </Form.Item>
              <Form.Item
                name="jurisdictions"
                label={t('alerts.field.areas')}
                rules={[{ required: true, type: 'array', min: 1, message: t('alerts.areasRequired') }]}
              >
                <JurisdictionListPicker emptyText={t('alerts.areasEmpty')} />
              </Form.Item>
              <Form.Item
                name="polygon"
                label={t('alerts.field.polygon')}
                extra={t('alerts.polygonHelp')}
                validateStatus={polygon === undefined ? 'error' : undefined}
                help={polygon === undefined ? t('alerts.polygonInvalid') : undefined}
              >
                <Input.TextArea rows={2} placeholder="34.80,113.60 34.80,113.70 34.70,113.70" data-testid="alert-polygon" />
              </Form.Item>
              <Form.Item name="expires" label={t('alerts.field.expires')} rules={[{ required: true }]}>
                <DatePicker showTime />
              </Form.Item>
              {publish.error ? <ErrorAlert error={publish.error} /> : null}
              <Button type="primary" htmlType="submit" loading={publish.isPending} data-testid="alert-publish">
                {t('alerts.publish')}
              </Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('alerts.areaMap')} size="small" style={{ marginBottom: 16 }}>
            <AlertAreaMap
              // While the typed polygon does not read, the map keeps the last one that did.
              polygon={polygon ?? lastPolygon.current}
              color={ALERT_COLORS[values?.warningColor ?? 'yellow']}
              jurisdictions={values?.jurisdictions ?? []}
              incidentId={incidentId}
              onChange={(points) => form.setFieldValue('polygon', formatPolygon(points))}
            />
          </Card>
          <Card title={t('alerts.preview')} size="small">
            {input === null ? (
              <Typography.Text type="secondary">{t('alerts.previewWaiting')}</Typography.Text>
            ) : preview.error ? (
              <ErrorAlert error={preview.error} />
            ) : (
              <pre className="cap-preview" data-testid="cap-preview">
                {preview.data?.xml ?? '…'}
              </pre>
            )}
          </Card>
        </Col>
      </Row>
    </>
  );
}
