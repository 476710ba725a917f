/**
 * 导入需求表: a coordinator uploads a sheet of needs (CSV or XLSX, whatever its columns), checks
 * the column mapping the server proposes — each column with a few of its values and a choice
 * of field — corrects it by hand where needed, confirms, follows the progress, and reads what
 * became of each row, with links to the needs made.
 */
import { InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Flex, Progress, Row, Select, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { NEED_ROW_OUTCOMES, NEED_SHEET_FIELDS } from '../../../../src/interop/need-sheet-mapping';
import { SERVICE_CATEGORIES } from '../../../../src/model/taxonomy';
import { needImportApi, type SheetFormat, sheetFormatOf } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import type { NeedImportJob, NeedImportOutcome, NeedImportRow, ServiceCategory, SheetField } from '../../types';

const POLL_MS = 800;
const OUTCOME_COLORS: Record<NeedImportOutcome, string> = {
  created: 'green',
  duplicate: 'orange',
  closed: 'default',
  needs_location: 'gold',
  unchanged: 'default',
  refused: 'red',
};

function MappingStep({ job, onStarted }: { job: NeedImportJob; onStarted: (job: NeedImportJob) => void }) {
  const { t } = useTranslation();
  const [fields, setFields] = useState<Record<number, SheetField>>(() =>
    Object.fromEntries(job.mapping.columns.map((c) => [c.index, c.field])),
  );
  const [category, setCategory] = useState<ServiceCategory>(job.defaultCategory);
  const confirm = useMutation({
    mutationFn: () =>
      needImportApi.map(
        job.id,
        job.mapping.columns.map((c) => ({ index: c.index, field: fields[c.index] ?? 'ignore' })),
        category,
      ),
    onSuccess: onStarted,
  });
  return (
    <Card title={t('needImport.mappingTitle')} className="section-card" data-testid="need-import-mapping">
      <Typography.Paragraph type="secondary">{t('needImport.mappingHint', { total: job.total })}</Typography.Paragraph>
      <Table
        rowKey="index"
        size="small"
        pagination={false}
        dataSource={job.mapping.columns}
        scroll={{ x: 640 }}
        columns={[
          { title: t('needImport.column'), key: 'header', render: (_, c) => c.header || <span className="muted">—</span> },
          {
            title: t('needImport.sample'),
            key: 'sample',
            render: (_, c) => <span className="muted small">{c.sample.join(' · ') || '—'}</span>,
          },
          {
            title: t('needImport.field'),
            key: 'field',
            width: 200,
            render: (_, c) => (
              <Select<SheetField>
                value={fields[c.index] ?? 'ignore'}
                onChange={(value) => setFields((f) => ({ ...f, [c.index]: value }))}
                options={NEED_SHEET_FIELDS.map((f) => ({ value: f, label: t(`needImport.fields.${f}`) }))}
                // Every field listed at once (a short list), so each can be reached and found.
                virtual={false}
                listHeight={420}
                style={{ width: '100%' }}
                aria-label={t('needImport.fieldOf', { header: c.header })}
                data-testid={`mapping-field-${c.index}`}
              />
            ),
          },
        ]}
      />
      <Flex gap={12} align="center" wrap className="need-import-confirm">
        <span>{t('needImport.defaultCategory')}</span>
        <Select<ServiceCategory>
          value={category}
          onChange={setCategory}
          options={SERVICE_CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          style={{ minWidth: 180 }}
          data-testid="need-import-category"
        />
        <Button type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()} data-testid="need-import-confirm">
          {t('needImport.confirm')}
        </Button>
      </Flex>
      {confirm.error ? <ErrorAlert error={confirm.error} /> : null}
    </Card>
  );
}

function ImportReport({ job, incidentId }: { job: NeedImportJob; incidentId: string }) {
  const { t } = useTranslation();
  const report = job.report;
  if (!report) return null;
  return (
    <Card title={t('needImport.reportTitle')} className="section-card" data-testid="need-import-report">
      <Row gutter={[16, 16]}>
        {NEED_ROW_OUTCOMES.map((outcome) => (
          <Col xs={12} sm={8} md={4} key={outcome}>
            <Statistic
              title={t(`needImport.outcome.${outcome}`)}
              value={report.counts[outcome]}
              data-testid={`need-import-count-${outcome}`}
            />
          </Col>
        ))}
      </Row>
      <Table<NeedImportRow>
        rowKey="row"
        size="small"
        dataSource={report.rows}
        pagination={report.rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        data-testid="need-import-rows"
        columns={[
          { title: t('import.row'), key: 'row', width: 90, render: (_, r) => t('import.rowNumber', { row: r.row }) },
          {
            title: t('import.result'),
            key: 'outcome',
            width: 120,
            render: (_, r) => (
              <Tag color={OUTCOME_COLORS[r.outcome]} data-testid="need-import-outcome" data-outcome={r.outcome}>
                {t(`needImport.outcome.${r.outcome}`)}
              </Tag>
            ),
          },
          {
            title: t('needImport.need'),
            key: 'need',
            render: (_, r) =>
              r.needId ? (
                <Link
                  to={`/incidents/${encodeURIComponent(incidentId)}?need=${encodeURIComponent(r.needId)}`}
                  data-testid="need-import-link"
                >
                  {t('needImport.openNeed')}
                </Link>
              ) : (
                r.problems.map((p) => (
                  <div key={`${p.field}-${p.message}`}>
                    <Tag>{t(`needImport.fields.${p.field}`, { defaultValue: p.field })}</Tag>
                    {p.message}
                  </div>
                ))
              ),
          },
        ]}
      />
    </Card>
  );
}

export function NeedImportPage() {
  const { t } = useTranslation();
  const { id: incidentId = '' } = useParams();
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: ({ file, format }: { file: File; format: SheetFormat }) => needImportApi.start(incidentId, file, format),
    onSuccess: (job) => setJobId(job.id),
  });
  const job = useQuery({
    queryKey: ['need-import', jobId],
    queryFn: () => needImportApi.get(jobId ?? ''),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });
  const current = job.data;
  const pick = (file: File) => {
    const format = sheetFormatOf(file.name);
    if (format) start.mutate({ file, format });
    return Upload.LIST_IGNORE;
  };
  return (
    <>
      <PageHeader
        title={t('needImport.title')}
        subtitle={t('needImport.subtitle')}
        crumbs={[
          { title: t('nav.response') },
          { title: t('nav.incidents'), to: '/incidents' },
          { title: t('needImport.board'), to: `/incidents/${encodeURIComponent(incidentId)}` },
          { title: t('needImport.title') },
        ]}
      />
      {!current ? (
        <Card title={t('needImport.uploadTitle')} className="section-card">
          <Upload.Dragger
            accept=".csv,.xlsx"
            showUploadList={false}
            beforeUpload={pick}
            disabled={start.isPending}
            data-testid="need-import-upload"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('needImport.drop')}</p>
            <p className="muted small">{t('needImport.dropHint')}</p>
          </Upload.Dragger>
          {start.error ? <ErrorAlert error={start.error} /> : null}
        </Card>
      ) : current.status === 'awaiting_mapping' ? (
        <MappingStep
          job={current}
          onStarted={(started) => {
            job.refetch();
            setJobId(started.id);
          }}
        />
      ) : (
        <>
          <Card className="section-card" data-testid="need-import-progress" data-status={current.status}>
            <Typography.Text strong>{t(`needImport.status.${current.status}`, { name: current.fileName ?? '' })}</Typography.Text>
            <Progress
              percent={current.status === 'done' ? 100 : Math.floor((current.processed / Math.max(1, current.total)) * 100)}
              status={current.status === 'failed' ? 'exception' : current.status === 'done' ? 'success' : 'active'}
            />
            {current.error ? <Alert type="error" title={current.error} /> : null}
            {current.status !== 'running' ? (
              <Button icon={<ReloadOutlined />} onClick={() => setJobId(null)}>
                {t('needImport.another')}
              </Button>
            ) : null}
          </Card>
          <ImportReport job={current} incidentId={incidentId} />
        </>
      )}
    </>
  );
}
