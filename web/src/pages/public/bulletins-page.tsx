/**
 * An incident's public information (/bulletins/:incidentId): its public bulletins, newest
 * first, each saying when it was superseded or corrected, its statements with their signature
 * badge, and the link to the Atom feed.
 */
import { useQuery } from '@tanstack/react-query';
import { List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { informationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { Markdown } from '../../components/markdown';
import { PublicShell } from './public-shell';
import { SignatureBadge } from './statement-page';

export function BulletinsPage() {
  const { t } = useTranslation();
  const { incidentId = '' } = useParams();
  const bulletins = useQuery({
    queryKey: ['public-bulletins', incidentId],
    queryFn: () => informationApi.publicBulletins(incidentId),
  });
  const statements = useQuery({
    queryKey: ['public-statements', incidentId],
    queryFn: () => informationApi.publicStatements(incidentId),
  });
  return (
    <PublicShell>
      <Typography.Title level={1} className="public-title">
        {t('information.publicTitle')}
      </Typography.Title>
      <p>
        <a href={`/api/v1/public/incidents/${encodeURIComponent(incidentId)}/bulletins?format=atom`}>
          {t('information.atomFeed')}
        </a>
      </p>
      <ErrorAlert error={bulletins.error ?? statements.error} />
      <h2 className="public-subtitle">{t('information.statements')}</h2>
      {statements.isPending ? (
        <Spin />
      ) : (
        <List
          dataSource={statements.data ?? []}
          locale={{ emptyText: t('information.noStatements') }}
          renderItem={(s) => (
            <List.Item data-testid="public-statement-item">
              <List.Item.Meta
                title={<Link to={`/statements/${encodeURIComponent(s.id)}`}>{s.title}</Link>}
                description={<SignatureBadge statement={s} />}
              />
            </List.Item>
          )}
        />
      )}
      <h2 className="public-subtitle">{t('information.bulletins')}</h2>
      {bulletins.isPending ? (
        <Spin />
      ) : (
        <List
          dataSource={bulletins.data ?? []}
          locale={{ emptyText: t('information.noBulletins') }}
          renderItem={(b) => (
            <List.Item id={b.id} data-testid="public-bulletin-item">
              <article style={{ width: '100%' }}>
                <Typography.Title level={3} data-testid="public-bulletin-title">
                  {b.title}
                </Typography.Title>
                <p>
                  <Tag>{t(`information.authority.${b.authority}`)}</Tag>
                  {b.supersededBy && <Tag color="volcano">{t(`information.supersededBy.${b.supersededBy.relation}`)}</Tag>}
                  {b.authorName} · {b.publishedAt ? new Date(b.publishedAt).toLocaleString() : ''}
                </p>
                {b.source && (
                  <p data-testid="public-bulletin-source">
                    {t('information.source')}: {b.source}
                  </p>
                )}
                <Markdown text={b.body} testId="public-bulletin-body" />
              </article>
            </List.Item>
          )}
        />
      )}
    </PublicShell>
  );
}
