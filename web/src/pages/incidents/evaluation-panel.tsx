/**
 * The incident's evaluation (评估报告): each section's figures, a short text the server writes
 * from them, and a chart where it helps; a printable page and a PDF of the same report.
 * Loaded on first visit of its tab, so ECharts stays out of the board's chunk.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Empty, Row, Space, Spin, Statistic, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { incidentApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import type { EvaluationLanguage, IncidentEvaluation } from '../../types';
import { EChart } from '../analytics/echart';

type Section = keyof IncidentEvaluation['texts'];

const hours = (minutes: number | null) => (minutes === null ? null : Math.round((minutes / 60) * 10) / 10);
const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 100)}%`);

/** The report's language from the UI's: Simplified and Traditional Chinese, else English. */
export function evaluationLanguage(language: string): EvaluationLanguage {
  if (language === 'zh-Hant') return 'zh-Hant';
  return language.startsWith('zh') ? 'zh' : 'en';
}

function SectionCard({ section, e, children }: { section: Section; e: IncidentEvaluation; children?: React.ReactNode }) {
  const { t } = useTranslation();
  return (
    <Card title={t(`evaluation.section.${section}`)} size="small" data-testid={`evaluation-${section}`}>
      <Typography.Paragraph className="evaluation-text">{e.texts[section]}</Typography.Paragraph>
      {children}
    </Card>
  );
}

export default function EvaluationPanel({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const lang = evaluationLanguage(i18n.language);
  const query = useQuery({ queryKey: ['evaluation', incidentId, lang], queryFn: () => incidentApi.evaluation(incidentId, lang) });
  if (query.isPending) return <Spin />;
  if (query.error || !query.data) return <ErrorAlert error={query.error} />;
  const e = query.data;
  const link = (format: 'html' | 'pdf') =>
    `/api/v1/incidents/${encodeURIComponent(incidentId)}/evaluation?${new URLSearchParams({ lang, format })}`;
  const categories = e.needs.byCategory;
  return (
    <Space direction="vertical" size={16} className="full-width" data-testid="evaluation-panel">
      <Space wrap>
        <Button icon={<PrinterOutlined />} href={link('html')} target="_blank" rel="noopener">
          {t('evaluation.printable')}
        </Button>
        <Button icon={<FilePdfOutlined />} href={link('pdf')} target="_blank" rel="noopener" data-testid="evaluation-pdf">
          {t('evaluation.pdf')}
        </Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <SectionCard section="timeline" e={e}>
            <Timeline
              items={e.timeline.map((entry) => ({
                key: `${entry.at}-${entry.kind}`,
                children: (
                  <span>
                    <span className="muted small">{new Date(entry.at).toLocaleString()}</span>{' '}
                    {entry.kind === 'stage' ? t(`incident.stage.${entry.to}`) : `${entry.kind}: ${entry.to}`}
                    {entry.reason ? <span className="muted"> · {entry.reason}</span> : null}
                  </span>
                ),
              }))}
            />
          </SectionCard>
        </Col>
        <Col xs={24} xl={12}>
          <SectionCard section="vulnerable" e={e}>
            <Row gutter={16}>
              {(['vulnerable', 'others'] as const).map((group) => (
                <Col span={12} key={group}>
                  <Statistic
                    title={t(`evaluation.group.${group}`, { count: e.vulnerable[group].needs })}
                    value={percent(e.vulnerable[group].shareServed)}
                    suffix={
                      <span className="muted small">
                        {t('evaluation.medianHours', { hours: e.vulnerable[group].medianHoursToServe ?? '—' })}
                      </span>
                    }
                  />
                </Col>
              ))}
            </Row>
          </SectionCard>
        </Col>
        <Col xs={24}>
          <SectionCard section="needs" e={e}>
            {categories.length ? (
              <EChart
                label={t('evaluation.needsChart')}
                height={260}
                option={{
                  tooltip: { trigger: 'axis' },
                  legend: { top: 0 },
                  grid: { left: 48, right: 16, top: 36, bottom: 48 },
                  xAxis: { type: 'category', data: categories.map((c) => t(`category.${c.category}`)) },
                  yAxis: { type: 'value', name: t('evaluation.hoursAxis') },
                  series: [
                    { type: 'bar', name: t('evaluation.toClaim'), data: categories.map((c) => hours(c.medianMinutesToClaim)) },
                    { type: 'bar', name: t('evaluation.toFulfil'), data: categories.map((c) => hours(c.medianMinutesToFulfil)) },
                  ],
                }}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            )}
          </SectionCard>
        </Col>
        <Col xs={24} xl={12}>
          <SectionCard section="deployments" e={e}>
            <Row gutter={[16, 16]}>
              <Col span={8}>
                <Statistic title={t('evaluation.deployed')} value={e.deployments.deployed} suffix={`/ ${e.deployments.filed}`} />
              </Col>
              <Col span={8}>
                <Statistic title={t('evaluation.people')} value={e.deployments.people} />
              </Col>
              <Col span={8}>
                <Statistic
                  title={t('evaluation.alarms')}
                  value={e.deployments.alarms}
                  valueStyle={e.deployments.alarms ? { color: 'var(--ant-color-error, #cf1322)' } : undefined}
                />
              </Col>
              <Col span={24}>
                <span className="muted">
                  {t('evaluation.checkIns', {
                    kept: e.deployments.checkIns.kept,
                    missed: e.deployments.checkIns.missed,
                    share: percent(e.deployments.checkIns.share),
                  })}
                </span>
              </Col>
            </Row>
          </SectionCard>
        </Col>
        <Col xs={24} xl={12}>
          <SectionCard section="lessons" e={e}>
            <ul>
              {e.lessons.items.map((lesson) => (
                <li key={lesson.id}>
                  {lesson.title} <span className="muted small">· {t(`knowledge.kind.${lesson.kind}`)}</span>
                </li>
              ))}
            </ul>
            <Link to="/knowledge">{t('evaluation.toKnowledge')}</Link>
          </SectionCard>
        </Col>
        <Col xs={24}>
          <SectionCard section="organizations" e={e}>
            <Table
              size="small"
              rowKey="organizationId"
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              dataSource={e.organizations}
              scroll={{ x: true }}
              columns={[
                {
                  title: t('evaluation.column.organization'),
                  dataIndex: 'name',
                  render: (name: string, row) => <Link to={`/organizations/${row.organizationId}`}>{name}</Link>,
                },
                { title: t('evaluation.column.claims'), dataIndex: 'claims' },
                { title: t('evaluation.column.fulfilled'), dataIndex: 'fulfilledClaims' },
                { title: t('evaluation.column.quantity'), dataIndex: 'quantityFulfilled' },
                { title: t('evaluation.column.teams'), dataIndex: 'deployments' },
                { title: t('evaluation.column.people'), dataIndex: 'people' },
                {
                  title: t('evaluation.column.rating'),
                  dataIndex: 'rating',
                  render: (rating: number | null) => (rating === null ? '—' : `${rating} / 5`),
                },
              ]}
            />
          </SectionCard>
        </Col>
      </Row>
    </Space>
  );
}
