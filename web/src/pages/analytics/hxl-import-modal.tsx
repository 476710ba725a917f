/**
 * Importing a partner's HXL-tagged 3W table (README, Exchange formats): choose the CSV or XLSX,
 * then see what became of each row — created, unchanged or refused with the column's hashtag
 * and the reason — as the roster import shows it.
 */
import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { analyticsApi, sheetFormatOf } from '../../api';
import { useErrorText } from '../../error-text';
import type { HxlImportReport } from '../../types';

export function HxlImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const [report, setReport] = useState<HxlImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async (file: File) => {
    setError(null);
    setReport(null);
    if (!sheetFormatOf(file.name)) {
      setError(t('analytics.hxl.wrongFile'));
      return;
    }
    setBusy(true);
    try {
      setReport(await analyticsApi.importHxl(file));
      await queryClient.invalidateQueries({ queryKey: ['who-what-where'] });
    } catch (e) {
      setError(errorText.full(e));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setReport(null);
    setError(null);
    onClose();
  };

  return (
    <Modal open={open} title={t('analytics.hxl.importTitle')} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Alert type="info" showIcon message={t('analytics.hxl.importHint')} />
        <Upload
          accept=".csv,.xlsx"
          showUploadList={false}
          beforeUpload={(file) => {
            void start(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={busy} data-testid="hxl-import-choose">
            {t('analytics.hxl.choose')}
          </Button>
        </Upload>
        {error && <Alert type="error" showIcon message={error} data-testid="hxl-import-error" />}
        {report && (
          <>
            <Space data-testid="hxl-import-counts">
              <Tag color="green">{t('analytics.hxl.created', { count: report.counts.created })}</Tag>
              <Tag>{t('analytics.hxl.unchanged', { count: report.counts.unchanged })}</Tag>
              <Tag color="red">{t('analytics.hxl.refused', { count: report.counts.refused })}</Tag>
            </Space>
            <Table
              size="small"
              rowKey="row"
              pagination={{ pageSize: 20 }}
              dataSource={report.rows}
              columns={[
                { title: t('analytics.hxl.row'), dataIndex: 'row', width: 70 },
                { title: t('analytics.hxl.organization'), dataIndex: 'name', render: (name: string | null) => name ?? '—' },
                {
                  title: t('analytics.hxl.match'),
                  dataIndex: 'match',
                  render: (match: HxlImportReport['rows'][number]['match']) =>
                    match ? t(`analytics.hxl.matchBy.${match}`) : '—',
                },
                {
                  title: t('analytics.hxl.outcome'),
                  dataIndex: 'outcome',
                  render: (outcome: HxlImportReport['rows'][number]['outcome']) => t(`analytics.hxl.outcomes.${outcome}`),
                },
                {
                  title: t('analytics.hxl.problems'),
                  dataIndex: 'problems',
                  render: (problems: HxlImportReport['rows'][number]['problems']) => (
                    <span data-testid="hxl-import-problems">{problems.map((p) => `${p.field}：${p.message}`).join('；')}</span>
                  ),
                },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
