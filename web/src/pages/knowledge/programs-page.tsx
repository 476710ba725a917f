/** 常态化项目: normal-time programs and activities, filtered by area, kind and period. */
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Flex, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PROGRAM_KINDS } from '../../../../src/model/program';
import { programApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { JurisdictionTag } from '../../components/jurisdiction-name';
import { LoadMore, usePagedList } from '../../components/load-more';
import { OrganizationName } from '../../components/organization-name';
import { PageHeader } from '../../components/page-header';
import { currentLanguage, intlLocale } from '../../i18n';
import { useCapabilities } from '../../session';
import type { Program, ProgramKind } from '../../types';
import { EditProgramModal } from './edit-program-modal';
import { RecordProgramModal } from './record-program-modal';

const PAGE_SIZE = 50;
const DAY_FORMAT = 'YYYY-MM-DD';

function useColumns(edit: (program: Program) => void): ColumnsType<Program> {
  const { t } = useTranslation();
  const count = new Intl.NumberFormat(intlLocale(currentLanguage()));
  return [
    { key: 'title', dataIndex: 'title', title: t('programs.titleLabel') },
    { key: 'kind', title: t('programs.kindLabel'), render: (_, p) => t(`programKind.${p.kind}`) },
    {
      key: 'cell',
      title: t('programs.cell'),
      render: (_, p) => `${t(`strategy.${p.cell.strategy}`)} × ${t(`phase.${p.cell.phase}`)}`,
    },
    { key: 'lead', title: t('programs.lead'), render: (_, p) => <OrganizationName id={p.leadOrganizationId} /> },
    { key: 'partners', title: t('programs.partners'), align: 'right', render: (_, p) => p.partnerIds.length },
    {
      key: 'areas',
      title: t('programs.areas'),
      render: (_, p) => p.jurisdictions.map((code) => <JurisdictionTag key={code} code={code} />),
    },
    {
      key: 'dates',
      title: t('programs.dates'),
      render: (_, p) => (p.endsOn && p.endsOn !== p.startsOn ? `${p.startsOn} – ${p.endsOn}` : p.startsOn),
    },
    { key: 'people', title: t('programs.peopleReached'), align: 'right', render: (_, p) => count.format(p.peopleReached) },
    {
      key: 'cooperation',
      title: t('programs.cooperationType'),
      render: (_, p) => t(`analytics.cooperationType.${p.cooperationType}`),
    },
    {
      key: 'edit',
      title: '',
      render: (_, p) =>
        p.viewerCanEdit ? (
          <Button type="link" size="small" icon={<EditOutlined />} onClick={() => edit(p)} data-testid="program-edit">
            {t('knowledge.revisions.edit')}
          </Button>
        ) : null,
    },
  ];
}

export function ProgramsPage() {
  const { t } = useTranslation();
  const may = useCapabilities();
  const [editing, setEditing] = useState<Program | null>(null);
  const columns = useColumns(setEditing);
  const [jurisdiction, setJurisdiction] = useState<string | null>(null);
  const [kind, setKind] = useState<ProgramKind | undefined>();
  const [period, setPeriod] = useState<[Dayjs, Dayjs] | null>(null);
  const [recording, setRecording] = useState(false);
  const from = period?.[0].format(DAY_FORMAT);
  const to = period?.[1].format(DAY_FORMAT);

  const { items: rows, query: programs } = usePagedList<Program>({
    queryKey: ['programs', jurisdiction ?? '', kind ?? '', from ?? '', to ?? ''],
    fetchPage: (cursor) => programApi.list({ jurisdiction: jurisdiction ?? undefined, kind, from, to, limit: PAGE_SIZE, cursor }),
  });

  return (
    <>
      <PageHeader
        title={t('programs.title')}
        crumbs={[{ title: t('nav.programs') }]}
        subtitle={t('programs.subtitle')}
        extra={
          may.recordPrograms ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('programs.record')}
            </Button>
          ) : null
        }
      />
      <Flex wrap gap={12} align="center" className="filter-bar" style={{ marginBottom: 16 }} data-testid="program-filters">
        <JurisdictionCascader
          value={jurisdiction}
          onChange={(code) => setJurisdiction(code)}
          aria-label={t('programs.areas')}
          style={{ minWidth: 220 }}
        />
        <Select<ProgramKind>
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t('programs.allKinds')}
          aria-label={t('programs.kindLabel')}
          style={{ minWidth: 160 }}
          options={PROGRAM_KINDS.map((value) => ({ value, label: t(`programKind.${value}`) }))}
        />
        <DatePicker.RangePicker
          value={period}
          format={DAY_FORMAT}
          onChange={(range) => {
            const [start, end] = range ?? [];
            setPeriod(start && end ? [start, end] : null);
          }}
          aria-label={t('programs.dates')}
        />
      </Flex>
      <ErrorAlert error={programs.error} />
      <Table<Program>
        rowKey="id"
        size="small"
        data-testid="programs-table"
        loading={programs.isPending}
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('programs.empty') }}
      />
      <LoadMore pager={programs} />
      <RecordProgramModal open={recording} onClose={() => setRecording(false)} />
      <EditProgramModal program={editing} onClose={() => setEditing(null)} />
    </>
  );
}
