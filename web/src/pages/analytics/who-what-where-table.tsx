/**
 * The 3W table: every row of who did what where when, to filter and sort by each column, and
 * the rows as shown taken away as CSV.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Flex, Table, type TableColumnType, Tag, Typography } from 'antd';
import type { FilterValue, SorterResult } from 'antd/es/table/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { saveFile } from '../../api';
import type { ActivityRow, WhoWhatWhere } from '../../types';
import { usePlaceNames, useWhatLabel } from './who-what-where-names';

type Row = ActivityRow & { key: string };

/** The values a column may be filtered by: each distinct one, named. */
function filtersOf(rows: readonly Row[], value: (row: Row) => string, text: (value: string) => string) {
  return [...new Set(rows.map(value))]
    .map((v) => ({ value: v, text: text(v) }))
    .sort((a, b) => a.text.localeCompare(b.text, 'zh-CN'));
}

export function WhoWhatWhereTable({ data, fileName }: { data: WhoWhatWhere; fileName: string }) {
  const { t } = useTranslation();
  const whatLabel = useWhatLabel();
  const rows = useMemo<Row[]>(
    () => data.rows.map((r) => ({ ...r, key: `${r.organizationId}|${r.source}|${r.what}|${r.where}|${r.when}` })),
    [data.rows],
  );
  const placeName = usePlaceNames(useMemo(() => data.byPlace.map((p) => p.key), [data.byPlace]));
  const [filters, setFilters] = useState<Record<string, FilterValue | null>>({});
  const [sorter, setSorter] = useState<SorterResult<Row>>({});
  const [exporting, setExporting] = useState(false);

  const column = (
    key: 'name' | 'what' | 'where' | 'when' | 'count',
    spec: Omit<TableColumnType<Row>, 'key' | 'filteredValue' | 'sortOrder'>,
  ): TableColumnType<Row> => ({
    key,
    ...spec,
    // Controlled, so that the export takes the rows as the reader filtered and sorted them.
    filteredValue: spec.filters ? (filters[key] ?? null) : undefined,
    sortOrder: sorter.columnKey === key ? sorter.order : null,
  });
  const columns: TableColumnType<Row>[] = [
    column('name', {
      title: t('analytics.www.organization'),
      dataIndex: 'name',
      filters: filtersOf(
        rows,
        (r) => r.organizationId,
        (id) => rows.find((r) => r.organizationId === id)?.name ?? id,
      ),
      filterSearch: true,
      onFilter: (value, r) => r.organizationId === value,
      sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
      render: (name: string, r) => <Link to={`/organizations/${encodeURIComponent(r.organizationId)}`}>{name}</Link>,
    }),
    column('what', {
      title: t('analytics.www.what'),
      dataIndex: 'what',
      filters: filtersOf(rows, (r) => r.what, whatLabel),
      filterSearch: true,
      onFilter: (value, r) => r.what === value,
      sorter: (a, b) => whatLabel(a.what).localeCompare(whatLabel(b.what), 'zh-CN'),
      render: (what: string, r) => (
        <>
          {whatLabel(what)}{' '}
          <Tag variant="outlined" className="analytics-source-tag">
            {t(`analytics.www.source.${r.source}`)}
          </Tag>
        </>
      ),
    }),
    column('where', {
      title: t('analytics.www.where'),
      dataIndex: 'where',
      filters: filtersOf(
        rows,
        (r) => r.where,
        (code) => `${placeName(code)} ${code}`,
      ),
      filterSearch: true,
      onFilter: (value, r) => r.where === value,
      sorter: (a, b) => a.where.localeCompare(b.where),
      render: (code: string) => (
        <span title={code}>
          {placeName(code)}{' '}
          <Typography.Text type="secondary" className="code-text">
            {code}
          </Typography.Text>
        </span>
      ),
    }),
    column('when', {
      title: t('analytics.www.when'),
      dataIndex: 'when',
      filters: filtersOf(
        rows,
        (r) => r.when,
        (month) => month,
      ),
      onFilter: (value, r) => r.when === value,
      sorter: (a, b) => a.when.localeCompare(b.when),
    }),
    column('count', {
      title: t('analytics.www.count'),
      dataIndex: 'count',
      align: 'right',
      sorter: (a, b) => a.count - b.count,
    }),
  ];

  /** The rows as the table shows them: filtered by every column's filter, then sorted. */
  const shown = (): Row[] => {
    let out = rows.filter((r) =>
      columns.every((c) => {
        const values = c.filteredValue;
        return !values?.length || !c.onFilter || values.some((value) => c.onFilter?.(value as string, r));
      }),
    );
    const active = columns.find((c) => c.key === sorter.columnKey);
    const compare = active && typeof active.sorter === 'function' ? active.sorter : null;
    if (compare && sorter.order) {
      out = [...out].sort((a, b) => (sorter.order === 'descend' ? compare(b, a) : compare(a, b)));
    }
    return out;
  };

  const exportCsv = async () => {
    setExporting(true);
    try {
      // Fetched on the first export only: most readers never take the table away.
      const { default: Papa } = await import('papaparse');
      const csv = Papa.unparse(
        {
          fields: [
            t('analytics.www.organization'),
            t('analytics.www.what'),
            t('analytics.www.sourceLabel'),
            t('analytics.www.where'),
            t('analytics.www.whereCode'),
            t('analytics.www.when'),
            t('analytics.www.count'),
          ],
          data: shown().map((r) => [
            r.name,
            whatLabel(r.what),
            t(`analytics.www.source.${r.source}`),
            placeName(r.where),
            r.where,
            r.when,
            r.count,
          ]),
        },
        // Names are typed by people: a leading = + - @ must not become a spreadsheet formula.
        { escapeFormulae: true },
      );
      // The byte-order mark tells Excel the file is UTF-8, so Chinese is not garbled.
      saveFile(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), fileName);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Flex justify="flex-end" className="analytics-table-actions">
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting}
          onClick={() => void exportCsv()}
          data-testid="www-export"
        >
          {t('analytics.www.export')}
        </Button>
      </Flex>
      <Table<Row>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={rows}
        onChange={(_pagination, nextFilters, nextSorter) => {
          setFilters(nextFilters);
          setSorter(Array.isArray(nextSorter) ? (nextSorter[0] ?? {}) : nextSorter);
        }}
        pagination={{ pageSize: 10, hideOnSinglePage: true, size: 'small', showSizeChanger: false }}
        scroll={{ x: 640 }}
        data-testid="www-table"
      />
    </>
  );
}
