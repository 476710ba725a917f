/**
 * 名录导入: a coordinator or admin uploads a roster (CSV or XLSX, the template's columns); the
 * server imports it in the background while the page follows its progress, then shows what
 * became of each row.
 */
import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  FileExcelOutlined,
  FileTextOutlined,
  InboxOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Progress, Row, Statistic, Switch, Table, Tag, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ERRORS, type ErrorCode } from '../../../../src/model/errors';
import { ApiError, importApi, type SheetFormat, sheetFormatOf } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useErrorText } from '../../error-text';
import type { ImportJob, ImportOutcome, ImportRowReport } from '../../types';

const UPLOAD_LIMIT = 10 * 1024 * 1024;
const POLL_MS = 800;

const OUTCOME_COLORS: Record<ImportOutcome, string> = {
  created: 'green',
  updated: 'blue',
  unchanged: 'default',
  refused: 'red',
};

const OUTCOMES: ImportOutcome[] = ['created', 'updated', 'unchanged', 'refused'];

// Problems found by the server's own checks arrive as its English error text; they are
// shown in the reader's language like any other error.
const CODE_BY_MESSAGE = new Map<string, ErrorCode>((Object.keys(ERRORS) as ErrorCode[]).map((code) => [ERRORS[code].en, code]));

export function OutcomeTag({ outcome }: { outcome: ImportOutcome }) {
  const { t } = useTranslation();
  return (
    <Tag color={OUTCOME_COLORS[outcome]} data-testid="import-outcome" data-outcome={outcome}>
      {t(`import.outcome.${outcome}`)}
    </Tag>
  );
}

function TemplateButtons() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { full } = useErrorText();
  const template = useMutation({
    mutationFn: (format: SheetFormat) => importApi.template(format),
    onError: (error) => message.error(full(error)),
  });
  const busy = (format: SheetFormat) => template.isPending && template.variables === format;
  return (
    <Flex gap={8} wrap>
      <Button icon={<FileExcelOutlined />} loading={busy('xlsx')} onClick={() => template.mutate('xlsx')}>
        {t('import.templateXlsx')}
      </Button>
      <Button icon={<FileTextOutlined />} loading={busy('csv')} onClick={() => template.mutate('csv')}>
        {t('import.templateCsv')}
      </Button>
    </Flex>
  );
}

function useProblemText(): (problem: { field: string; message: string }) => { field: string; message: string } {
  const { t } = useTranslation();
  const { fieldLabel } = useErrorText();
  return (problem) => {
    const code = CODE_BY_MESSAGE.get(problem.message);
    return { field: fieldLabel(problem.field), message: code ? t(`error.${code}`) : problem.message };
  };
}

function Report({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const problemText = useProblemText();
  const [refusedOnly, setRefusedOnly] = useState(false);
  const report = job.report;
  const rows = useMemo(
    () => (report ? report.rows.filter((row) => !refusedOnly || row.outcome === 'refused') : []),
    [report, refusedOnly],
  );
  if (!report) return null;

  const columns: ColumnsType<ImportRowReport> = [
    {
      title: t('import.row'),
      key: 'row',
      width: 80,
      render: (_, row) => <span data-testid="import-row-number">{t('import.rowNumber', { row: row.row })}</span>,
    },
    { title: t('import.result'), key: 'outcome', width: 90, render: (_, row) => <OutcomeTag outcome={row.outcome} /> },
    {
      title: t('field.name'),
      key: 'name',
      render: (_, row) => {
        const name = row.name ?? <span className="muted">{t('import.noName')}</span>;
        return row.organizationId && row.outcome !== 'refused' ? (
          <Link to={`/organizations/${encodeURIComponent(row.organizationId)}`} data-testid="import-org-link">
            {name}
          </Link>
        ) : (
          name
        );
      },
    },
    {
      title: t('import.problems'),
      key: 'problems',
      render: (_, row) =>
        row.problems.length ? (
          <ul className="problem-list" data-testid="import-problems">
            {row.problems.map((problem) => {
              const text = problemText(problem);
              return (
                <li key={`${problem.field}-${problem.message}`}>
                  <Tag className="problem-field">{text.field}</Tag>
                  <span>{text.message}</span>
                </li>
              );
            })}
          </ul>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];

  return (
    <Card title={t('import.reportTitle')} className="section-card" data-testid="import-report">
      <Row gutter={[16, 16]} className="import-counts">
        <Col xs={12} sm={8} md={4}>
          <Statistic title={t('import.totalRows')} value={report.total} />
        </Col>
        {OUTCOMES.map((outcome) => (
          <Col xs={12} sm={8} md={5} key={outcome}>
            <Statistic
              title={t(`import.outcome.${outcome}`)}
              value={report.counts[outcome]}
              styles={{
                content:
                  outcome === 'refused' && report.counts.refused > 0
                    ? { color: '#cf1322' }
                    : outcome === 'created' && report.counts.created > 0
                      ? { color: '#15803d' }
                      : undefined,
              }}
              data-testid={`import-count-${outcome}`}
            />
          </Col>
        ))}
      </Row>
      {report.counts.refused > 0 ? (
        <Alert type="warning" showIcon className="import-refused-hint" title={t('import.refusedHint')} />
      ) : null}
      <Flex justify="space-between" align="center" wrap gap={8} className="table-summary">
        <Typography.Text>{t('import.rowsShown', { count: rows.length })}</Typography.Text>
        <Flex align="center" gap={8} className="filter-switch">
          <Switch
            id="import-refused-only"
            size="small"
            checked={refusedOnly}
            onChange={setRefusedOnly}
            disabled={report.counts.refused === 0}
            data-testid="import-refused-only"
          />
          <label htmlFor="import-refused-only">{t('import.refusedOnly')}</label>
        </Flex>
      </Flex>
      <Table<ImportRowReport>
        rowKey="row"
        size="small"
        columns={columns}
        dataSource={rows}
        pagination={rows.length > 100 ? { pageSize: 100, showSizeChanger: false } : false}
        rowClassName={(row) => (row.outcome === 'refused' ? 'row-refused' : '')}
        scroll={{ x: 720 }}
        locale={{ emptyText: <span className="muted">{t('import.noRows')}</span> }}
        data-testid="import-rows"
      />
    </Card>
  );
}

function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const percent = job.total > 0 ? Math.floor((job.processed / job.total) * 100) : 0;
  const status = job.status === 'failed' ? 'exception' : job.status === 'done' ? 'success' : 'active';
  return (
    <div className="import-progress" data-testid="import-progress" data-status={job.status}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>
          {job.status === 'running' ? (
            t('import.running', { name: job.fileName ?? '' })
          ) : job.status === 'done' ? (
            <>
              <CheckCircleOutlined className="import-done-icon" /> {t('import.done', { name: job.fileName ?? '' })}
            </>
          ) : (
            <>
              <CloseCircleOutlined className="import-failed-icon" /> {t('import.failed', { name: job.fileName ?? '' })}
            </>
          )}
        </Typography.Text>
        <Typography.Text type="secondary" aria-live="polite" data-testid="import-processed">
          {t('import.processed', { processed: job.processed, total: job.total })}
        </Typography.Text>
      </Flex>
      <Progress percent={job.status === 'done' ? 100 : percent} status={status} aria-label={t('import.progressLabel')} />
    </div>
  );
}

export function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const [startError, setStartError] = useState<unknown>(null);

  const start = useMutation({
    mutationFn: ({ file, format }: { file: File; format: SheetFormat }) => importApi.start(file, format),
    onMutate: () => setStartError(null),
    onSuccess: (job) => setJobId(job.id),
    onError: (error) => setStartError(error),
  });
  const job = useQuery({
    queryKey: ['import', jobId],
    queryFn: () => importApi.get(jobId ?? ''),
    enabled: jobId !== null,
    initialData: start.data && start.data.id === jobId ? start.data : undefined,
    staleTime: 0,
    refetchInterval: (query) => (query.state.data?.status === 'running' ? POLL_MS : false),
  });

  const pick = (file: File) => {
    const format = sheetFormatOf(file.name);
    if (!format) message.error(t('import.wrongType'));
    else if (file.size > UPLOAD_LIMIT) message.error(t('import.tooLarge'));
    else start.mutate({ file, format });
    return Upload.LIST_IGNORE;
  };
  const reset = () => {
    setJobId(null);
    setStartError(null);
    start.reset();
  };

  const current = job.data;
  const busy = start.isPending || current?.status === 'running';
  // A file the server could not read at all names the field "file".
  const unreadable = startError instanceof ApiError && startError.field === 'file';

  return (
    <>
      <PageHeader
        title={t('import.title')}
        subtitle={t('import.subtitle')}
        crumbs={[
          { title: t('nav.network') },
          { title: t('nav.organizations'), to: '/organizations' },
          { title: t('import.title') },
        ]}
      />
      <Row gutter={16}>
        <Col xs={24} lg={10}>
          <Card title={t('import.stepTemplate')} className="section-card import-step">
            <ol className="import-notes">
              <li>{t('import.note1')}</li>
              <li>{t('import.note2')}</li>
              <li>{t('import.note3')}</li>
              <li>{t('import.note4')}</li>
            </ol>
            <TemplateButtons />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card
            title={t('import.stepUpload')}
            className="section-card import-step"
            extra={
              current && !busy ? (
                <Button icon={<ReloadOutlined />} onClick={reset}>
                  {t('import.again')}
                </Button>
              ) : null
            }
          >
            {unreadable ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                className="error-alert"
                title={t('import.unreadable')}
                closable={{ onClose: () => setStartError(null) }}
              />
            ) : (
              <ErrorAlert error={startError} onClose={() => setStartError(null)} />
            )}
            {current ? (
              <>
                <JobProgress job={current} />
                {current.status === 'failed' ? (
                  <Alert
                    type="error"
                    showIcon
                    className="import-failed"
                    title={t('import.failedBody')}
                    description={current.error}
                  />
                ) : null}
              </>
            ) : (
              <div data-testid="import-dragger">
                <Upload.Dragger
                  accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  multiple={false}
                  showUploadList={false}
                  beforeUpload={pick}
                  disabled={busy}
                  className="import-dragger"
                >
                  <p className="ant-upload-drag-icon">
                    <InboxOutlined />
                  </p>
                  <p className="ant-upload-text">{start.isPending ? t('import.uploading') : t('import.drop')}</p>
                  <p className="ant-upload-hint">{t('import.dropHint')}</p>
                </Upload.Dragger>
              </div>
            )}
            <ErrorAlert error={job.error} />
          </Card>
        </Col>
      </Row>
      {current?.status === 'done' ? <Report job={current} /> : null}
    </>
  );
}
