/** The review queue of applications to join the network: 待审核 and 已决定. */
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { applicationApi } from '../../api';
import { ActorName } from '../../components/actor-name';
import { ErrorAlert } from '../../components/error-alert';
import { JurisdictionName } from '../../components/jurisdiction-name';
import { LoadMore } from '../../components/load-more';
import { DecisionTag } from '../../components/membership-tags';
import { KindTag } from '../../components/organization-tags';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import type { Application } from '../../types';
import { DecideDrawer } from './decide-drawer';

const PAGE_SIZE = 50;
type Tab = Application['status'];

function homeName(application: Application): string | undefined {
  const org = application.organization;
  if (!org) return undefined;
  const i = org.jurisdictions.indexOf(application.homeJurisdiction);
  return i >= 0 ? org.jurisdictionNames[i] : undefined;
}

function Contact({ application }: { application: Application }) {
  const { t } = useTranslation();
  const contact = application.contact;
  if (!contact) return <span className="muted">{t('applications.contactHidden')}</span>;
  return (
    <div className="contact-cell">
      <div>{contact.name}</div>
      <a href={`tel:${contact.phone}`} className="code-text">
        {contact.phone}
      </a>
      {contact.email ? <div className="muted small">{contact.email}</div> : null}
    </div>
  );
}

function useColumns(tab: Tab, decide: (application: Application) => void): ColumnsType<Application> {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const columns: ColumnsType<Application> = [
    {
      title: t('applications.organization'),
      key: 'organization',
      width: 220,
      render: (_, a) => (
        <div className="org-name-cell">
          <Link to={`/organizations/${encodeURIComponent(a.organizationId)}`} className="org-name-link">
            {a.organization?.name ?? a.organizationId}
          </Link>
          {a.organization?.nameEn ? <div className="org-name-en">{a.organization.nameEn}</div> : null}
        </div>
      ),
    },
    {
      title: t('field.kind'),
      key: 'kind',
      width: 130,
      render: (_, a) => (a.organization ? <KindTag kind={a.organization.kind} /> : null),
    },
    {
      title: t('applications.home'),
      key: 'home',
      width: 170,
      render: (_, a) => <JurisdictionName code={a.homeJurisdiction} name={homeName(a)} />,
    },
    { title: t('applications.submitted'), key: 'createdAt', width: 170, render: (_, a) => dateTime(a.createdAt) },
    { title: t('applications.contact'), key: 'contact', width: 190, render: (_, a) => <Contact application={a} /> },
  ];
  if (tab === 'decided') {
    columns.push(
      {
        title: t('applications.decision'),
        key: 'decision',
        width: 120,
        render: (_, a) => (a.decision ? <DecisionTag decision={a.decision} /> : null),
      },
      {
        title: t('membership.reason'),
        key: 'reason',
        width: 260,
        render: (_, a) => (
          <div>
            <div>{a.reason}</div>
            <div className="muted small">
              {a.decidedBy ? <ActorName id={a.decidedBy} /> : null} · {dateTime(a.decidedAt)}
            </div>
          </div>
        ),
      },
    );
  } else {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, a) =>
        a.viewerCanDecide ? (
          <Button type="primary" size="small" onClick={() => decide(a)} data-testid="decide-button">
            {t('applications.decide')}
          </Button>
        ) : (
          <span className="muted small">{t('applications.notYours')}</span>
        ),
    });
  }
  return columns;
}

function ApplicationTable({ tab, decide }: { tab: Tab; decide: (application: Application) => void }) {
  const { t } = useTranslation();
  const columns = useColumns(tab, decide);
  const query = useInfiniteQuery({
    queryKey: ['applications', tab],
    queryFn: ({ pageParam }) => applicationApi.list({ status: tab, limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];
  const total = query.data?.pages[0]?.total ?? 0;
  return (
    <>
      <ErrorAlert error={query.error} />
      <Flex justify="space-between" align="center" className="table-summary">
        <Typography.Text aria-live="polite" data-testid="applications-total">
          {query.isPending ? t('common.loading') : t('applications.total', { count: total })}
        </Typography.Text>
      </Flex>
      <Table<Application>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={rows}
        loading={query.isFetching && !query.isFetchingNextPage}
        pagination={false}
        scroll={{ x: tab === 'decided' ? 1260 : 1000 }}
        locale={{
          emptyText: (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={tab === 'under_review' ? t('applications.empty') : t('applications.emptyDecided')}
            />
          ),
        }}
        data-testid="applications-table"
      />
      <LoadMore pager={query} />
    </>
  );
}

export function ApplicationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = params.get('tab') === 'decided' ? 'decided' : 'under_review';
  const [deciding, setDeciding] = useState<Application | null>(null);

  return (
    <>
      <PageHeader
        title={t('applications.title')}
        subtitle={t('applications.subtitle')}
        crumbs={[{ title: t('nav.membership') }, { title: t('nav.applications') }]}
      />
      <Card className="section-card table-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'decided' ? { tab: 'decided' } : {}, { replace: true })}
          items={(['under_review', 'decided'] as const).map((key) => ({
            key,
            label: t(`applications.tabs.${key}`),
            children: key === tab ? <ApplicationTable tab={key} decide={setDeciding} /> : null,
          }))}
        />
      </Card>
      <DecideDrawer application={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
