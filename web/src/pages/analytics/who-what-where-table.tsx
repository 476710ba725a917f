/**
 * The 3W table: the rows of who did what where when, a page at a time, to filter and sort by
 * each column; the CSV takes every row of the area and period (fetched page by page if the table
 * has not loaded them all), filtered and sorted as the table is.
 */
import { DownloadOutlined, ExportOutlined, ImportOutlined } from '@ant-design/icons';
import { App, Button, Flex, type TableColumnType, Tag } from 'antd';
import type { FilterValue, SorterResult } from 'antd/es/table/interface';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { guardCell } from '../../../../src/interop/formula-guard';
import { analyticsApi, saveFile } from '../../api';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { OrganizationName } from '../../components/organization-name';
import { useErrorText } from '../../error-text';
import { useCurrentUser } from '../../session';
import type { ActivityRow, AnalyticsScope, WhoWhatWhere } from '../../types';
import { HxlImportModal } from './hxl-import-modal';
import { type Answer, type PagedList, PagedRows, PagedTable } from './paged-list';
import { useWhatLabel } from './who-what-where-names';

type Row = ActivityRow & { key: string };

/** The largest page the API gives, for the export. */
const EXPORT_PAGE = 5000;

const keyed = (rows: readonly ActivityRow[]): Row[] =>
  rows.map((r) => ({ ...r, key: `${r.organizationId}|${r.source}|${r.what}|${r.where}|${r.when}` }));

/** The rows of one page (the totals, not needed again, cut to the least the API allows). */
async function rowsPage(scope: AnalyticsScope, cursor: string | undefined, limit?: number) {
  const page = await analyticsApi.whoWhatWhere(scope, { cursor, limit, top: 1 });
  return { items: page.rows, nextCursor: page.nextCursor };
}

/** The values a column may be filtered by: each distinct one, named. */
function filtersOf(rows: readonly Row[], value: (row: Row) => string, text: (value: string) => string) {
  return [...new Set(rows.map(value))]
    .map((v) => ({ value: v, text: text(v) }))
    .sort((a, b) => a.text.localeCompare(b.text, 'zh-CN'));
}

export function WhoWhatWhereTable({
  data,
  scope,
  answer,
  fileName,
}: {
  data: WhoWhatWhere;
  scope: AnalyticsScope;
  answer: Answer;
  fileName: string;
}) {
  return (
    <PagedRows<ActivityRow>
      answer={answer}
      queryKey={['who-what-where', scope]}
      first={{ items: data.rows, nextCursor: data.nextCursor }}
      fetchPage={(cursor) => rowsPage(scope, cursor)}
    >
      {(list) => <RowsTable list={list} data={data} scope={scope} stale={answer.isPlaceholderData} fileName={fileName} />}
    </PagedRows>
  );
}

function RowsTable({
  list,
  data,
  scope,
  stale,
  fileName,
}: {
  list: PagedList<ActivityRow>;
  data: WhoWhatWhere;
  scope: AnalyticsScope;
  /** The answer is the last scope's, shown while this one loads: nothing to export yet. */
  stale: boolean;
  fileName: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const whatLabel = useWhatLabel();
  const rows = useMemo(() => keyed(list.items), [list.items]);
  const placeNames = useMemo(() => new Map(data.byPlace.map((p) => [p.key, p.name])), [data.byPlace]);
  const placeName = useCallback((code: string) => placeNames.get(code) ?? code, [placeNames]);
  const [filters, setFilters] = useState<Record<string, FilterValue | null>>({});
  const [sorter, setSorter] = useState<SorterResult<Row>>({});
  // While exporting: how many rows have come of how many.
  const [exporting, setExporting] = useState<{ done: number; total: number } | null>(null);
  const [importing, setImporting] = useState(false);
  const { role } = useCurrentUser();
  // The server imports for coordinators (rows of their area) and platform admins.
  const mayImportHxl = role === 'coordinator' || role === 'platform_admin';

  // The values each column may be filtered by, from the rows loaded so far.
  const filterLists = useMemo(() => {
    const names = new Map(rows.map((r) => [r.organizationId, r.name]));
    return {
      name: filtersOf(
        rows,
        (r) => r.organizationId,
        (id) => names.get(id) ?? id,
      ),
      what: filtersOf(rows, (r) => r.what, whatLabel),
      where: filtersOf(
        rows,
        (r) => r.where,
        (code) => `${placeName(code)} ${code}`,
      ),
      when: filtersOf(
        rows,
        (r) => r.when,
        (month) => month,
      ),
    };
  }, [rows, whatLabel, placeName]);

  const columns = useMemo((): TableColumnType<Row>[] => {
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
    return [
      column('name', {
        title: t('analytics.www.organization'),
        dataIndex: 'name',
        filters: filterLists.name,
        filterSearch: true,
        onFilter: (value, r) => r.organizationId === value,
        sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
        render: (name: string, r) =>
          r.external ? (
            <span>
              {name} <Tag>{t('analytics.www.external')}</Tag>
            </span>
          ) : (
            <OrganizationName id={r.organizationId} name={name} />
          ),
      }),
      column('what', {
        title: t('analytics.www.what'),
        dataIndex: 'what',
        filters: filterLists.what,
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
        filters: filterLists.where,
        filterSearch: true,
        onFilter: (value, r) => r.where === value,
        sorter: (a, b) => a.where.localeCompare(b.where),
        render: (code: string) => <JurisdictionName code={code} name={placeNames.get(code)} />,
      }),
      column('when', {
        title: t('analytics.www.when'),
        dataIndex: 'when',
        filters: filterLists.when,
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
  }, [filterLists, filters, sorter, whatLabel, placeNames, t]);

  /** The rows as the table would show them: filtered by every column's filter, then sorted. */
  const shown = (all: Row[]): Row[] => {
    let out = all.filter((r) =>
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

  /** Every row of the area and period: those loaded if they are all, else fetched page by page. */
  const allRows = async (): Promise<Row[]> => {
    if (!list.query.hasNextPage && !list.query.isPending) return rows;
    const all: ActivityRow[] = [];
    let cursor: string | undefined;
    do {
      const page = await rowsPage(scope, cursor, EXPORT_PAGE);
      all.push(...page.items);
      setExporting({ done: all.length, total: data.total });
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return keyed(all);
  };

  const exportCsv = async () => {
    setExporting({ done: 0, total: data.total });
    try {
      // Fetched on the first export only: most readers never take the table away.
      const [{ default: Papa }, everyRow] = await Promise.all([import('papaparse'), allRows()]);
      const csv = Papa.unparse({
        fields: [
          t('analytics.www.organization'),
          t('analytics.www.what'),
          t('analytics.www.sourceLabel'),
          t('analytics.www.where'),
          t('analytics.www.whereCode'),
          t('analytics.www.when'),
          t('analytics.www.count'),
        ],
        // Names are typed by people: the server's formula guard keeps them from running as
        // spreadsheet formulas here too.
        data: shown(everyRow).map((r) =>
          [r.name, whatLabel(r.what), t(`analytics.www.source.${r.source}`), placeName(r.where), r.where, r.when, r.count].map(
            guardCell,
          ),
        ),
      });
      // The byte-order mark tells Excel the file is UTF-8, so Chinese is not garbled.
      saveFile(new Blob([`\uFEFF${csv}`], { type: 'text/csv;charset=utf-8' }), fileName);
    } catch (error) {
      void message.error(errorText.full(error));
    } finally {
      setExporting(null);
    }
  };

  return (
    <>
      <Flex justify="flex-end" gap={8} className="analytics-table-actions">
        <Button
          size="small"
          icon={<ExportOutlined />}
          disabled={stale}
          onClick={() => void analyticsApi.whoWhatWhereHxl(scope).catch((error) => message.error(errorText.full(error)))}
          data-testid="www-export-hxl"
        >
          {t('analytics.hxl.export')}
        </Button>
        {mayImportHxl && (
          <Button size="small" icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="www-import-hxl">
            {t('analytics.hxl.import')}
          </Button>
        )}
        <HxlImportModal open={importing} onClose={() => setImporting(false)} />
        <Button
          size="small"
          icon={<DownloadOutlined />}
          loading={exporting !== null}
          disabled={stale}
          onClick={() => void exportCsv()}
          data-testid="www-export"
        >
          {exporting ? t('analytics.www.exporting', exporting) : t('analytics.www.export')}
        </Button>
      </Flex>
      <PagedTable<Row>
        list={list}
        total={data.total}
        shownTestId="www-shown"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        onChange={(_pagination, nextFilters, nextSorter) => {
          setFilters(nextFilters);
          setSorter(Array.isArray(nextSorter) ? (nextSorter[0] ?? {}) : nextSorter);
        }}
        scroll={{ x: 640 }}
        data-testid="www-table"
      />
    </>
  );
}
