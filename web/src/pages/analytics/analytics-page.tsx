/**
 * 网络分析: the network of an area over a period, as charts first and numbers a click away —
 * cooperation modes, function-map coverage, vulnerable people's needs, lifecycle
 * participation, the collaboration graph, the four principles, substitution over an incident
 * and 3W. Aggregates only: every signed-in role may look.
 *
 * The area and period live in the address (?jurisdiction=&from=&to=), so a view can be
 * bookmarked or sent to a colleague.
 */
import { FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Flex, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { analyticsApi } from '../../api';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { PageHeader } from '../../components/page-header';
import { useCurrentUser } from '../../session';
import type { AnalyticsScope } from '../../types';
import { CollaborationCard } from './collaboration-card';
import { CooperationModesCard } from './cooperation-modes-card';
import { FunctionCoverageCard } from './function-coverage-card';
import { LifecycleCard } from './lifecycle-card';
import { PrinciplesCard } from './principles-card';
import { SpecialNeedsCard } from './special-needs-card';
import { SubstitutionCard } from './substitution-card';
import { WhoWhatWhereCard } from './who-what-where-card';
import './analytics.css';

/** Where a reader without an area of their own starts: 河南省. */
const DEFAULT_JURISDICTION = '410000';
const DAY_FORMAT = 'YYYY-MM-DD';

function dayParam(value: string | null): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = dayjs(value);
  return day.isValid() && day.format(DAY_FORMAT) === value ? day : null;
}

/** The area and period asked for in the address, else the reader's own area and the last 12 months. */
function useScope(): [AnalyticsScope & { from: string; to: string }, (next: Partial<AnalyticsScope>) => void] {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const code = params.get('jurisdiction');
  const jurisdiction = code && /^\d{6}$/.test(code) ? code : (user.jurisdiction ?? DEFAULT_JURISDICTION);
  const to = dayParam(params.get('to')) ?? dayjs();
  let from = dayParam(params.get('from')) ?? to.subtract(12, 'month');
  if (from.isAfter(to)) from = to.subtract(12, 'month');
  const scope = { jurisdiction, from: from.format(DAY_FORMAT), to: to.format(DAY_FORMAT) };
  const update = (next: Partial<AnalyticsScope>) => setParams({ ...scope, ...next }, { replace: true });
  return [scope, update];
}

export function AnalyticsPage() {
  const { t, i18n } = useTranslation();
  const [scope, setScope] = useScope();
  // While another area or period loads, the cards keep the last answer, dimmed.
  const options = { placeholderData: keepPreviousData, staleTime: 60_000 } as const;
  const modes = useQuery({
    queryKey: ['analytics', 'cooperation-modes', scope.jurisdiction, scope.to],
    queryFn: () => analyticsApi.cooperationModes(scope),
    ...options,
  });
  const coverage = useQuery({
    queryKey: ['analytics', 'function-coverage', scope],
    queryFn: () => analyticsApi.functionCoverage(scope),
    ...options,
  });
  const special = useQuery({
    queryKey: ['analytics', 'special-needs', scope],
    queryFn: () => analyticsApi.specialNeeds(scope),
    ...options,
  });
  const lifecycle = useQuery({
    queryKey: ['analytics', 'lifecycle', scope],
    queryFn: () => analyticsApi.lifecycle(scope),
    ...options,
  });
  const collaboration = useQuery({
    queryKey: ['analytics', 'collaboration', scope],
    queryFn: () => analyticsApi.collaboration(scope),
    ...options,
  });
  const principles = useQuery({
    queryKey: ['analytics', 'principles', scope],
    queryFn: () => analyticsApi.principles(scope),
    ...options,
  });
  const whoWhatWhere = useQuery({
    queryKey: ['analytics', 'who-what-where', scope],
    queryFn: () => analyticsApi.whoWhatWhere(scope),
    ...options,
  });

  return (
    <>
      <PageHeader
        title={t('analytics.title')}
        subtitle={t('analytics.subtitle')}
        crumbs={[{ title: t('nav.network') }, { title: t('nav.analytics') }]}
      />
      <Flex
        wrap
        gap={16}
        align="center"
        className="analytics-filters"
        role="search"
        data-testid="analytics-filters"
        aria-label={t('analytics.filters')}
      >
        <div className="analytics-filter">
          <span className="analytics-filter-label" aria-hidden="true">
            {t('analytics.jurisdiction')}
          </span>
          <JurisdictionCascader
            value={scope.jurisdiction}
            onChange={(code) => {
              if (code) setScope({ jurisdiction: code });
            }}
            allowClear={false}
            aria-label={t('analytics.jurisdiction')}
            className="analytics-cascader"
          />
        </div>
        <div className="analytics-filter" data-testid="analytics-period">
          <span className="analytics-filter-label" aria-hidden="true">
            {t('analytics.period')}
          </span>
          <DatePicker.RangePicker
            value={[dayjs(scope.from), dayjs(scope.to)]}
            format={DAY_FORMAT}
            allowClear={false}
            disabledDate={(day) => day.isAfter(dayjs(), 'day')}
            presets={[
              { label: t('analytics.last12Months'), value: [dayjs().subtract(12, 'month'), dayjs()] },
              { label: t('analytics.thisYear'), value: [dayjs().startOf('year'), dayjs()] },
              {
                label: t('analytics.lastYear'),
                value: [dayjs().subtract(1, 'year').startOf('year'), dayjs().subtract(1, 'year').endOf('year')],
              },
            ]}
            onChange={(range) => {
              const [start, end] = range ?? [];
              if (start && end) setScope({ from: start.format(DAY_FORMAT), to: end.format(DAY_FORMAT) });
            }}
            aria-label={t('analytics.period')}
          />
        </div>
        <div className="analytics-filter" data-testid="analytics-report">
          <span className="analytics-filter-label">{t('analytics.report', { year: dayjs(scope.to).year() })}</span>
          <Space size={4}>
            {(['html', 'pdf'] as const).map((format) => (
              <Button
                key={format}
                size="small"
                icon={format === 'pdf' ? <FilePdfOutlined /> : <PrinterOutlined />}
                href={`/api/v1/analytics/annual-report?${new URLSearchParams({
                  jurisdiction: scope.jurisdiction,
                  year: String(dayjs(scope.to).year()),
                  lang: i18n.language.startsWith('zh') ? 'zh' : 'en',
                  format,
                })}`}
                target="_blank"
                rel="noopener"
              >
                {t(format === 'pdf' ? 'analytics.reportPdf' : 'analytics.reportHtml')}
              </Button>
            ))}
          </Space>
        </div>
      </Flex>
      <div className="analytics-grid">
        <CooperationModesCard query={modes} scope={scope} />
        <FunctionCoverageCard query={coverage} />
        <SpecialNeedsCard query={special} scope={scope} />
        <LifecycleCard query={lifecycle} scope={scope} />
        <CollaborationCard query={collaboration} />
        <PrinciplesCard query={principles} />
        {/* Per incident: it asks for the area's incidents and the chosen one's days itself. */}
        <SubstitutionCard scope={scope} />
        <WhoWhatWhereCard query={whoWhatWhere} scope={scope} />
      </div>
    </>
  );
}
