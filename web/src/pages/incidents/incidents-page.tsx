/** 应急事件: the incidents under way (or ended), as cards; coordinators declare new ones here. */
import { AlertOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Flex, Segmented, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { type IncidentScope, incidentsQuery } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { IncidentStageTag, LevelTag, WarningTag } from '../../components/incident-tags';
import { JurisdictionTag } from '../../components/jurisdiction-name';
import { PageHeader } from '../../components/page-header';
import { useDateTime } from '../../format';
import { useCapabilities } from '../../session';
import type { IncidentSummary } from '../../types';
import { DeclareIncidentModal } from './declare-incident-modal';

const SCOPES: IncidentScope[] = ['open', 'closed', 'all'];
const SHOWN_AREAS = 4;

function IncidentCard({ incident }: { incident: IncidentSummary }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const more = incident.jurisdictions.length - SHOWN_AREAS;
  return (
    <Card
      className={`incident-card incident-card-level-${incident.level}`}
      data-testid="incident-card"
      title={
        <Link to={`/incidents/${encodeURIComponent(incident.id)}`} className="incident-card-name">
          {incident.name}
        </Link>
      }
    >
      <Flex wrap gap={4} className="incident-card-tags">
        <LevelTag level={incident.level} />
        <WarningTag color={incident.warningColor} />
        <IncidentStageTag stage={incident.stage} />
      </Flex>
      <div className="incident-card-kind">
        {t(`incident.category.${incident.category}`)} · {incident.type}
      </div>
      <div className="incident-card-areas">
        <span className="sr-only">{t('board.areasLabel')}</span>
        {incident.jurisdictions.slice(0, SHOWN_AREAS).map((code) => (
          <JurisdictionTag key={code} code={code} />
        ))}
        {more > 0 ? <span className="muted small">{t('common.more', { count: more })}</span> : null}
      </div>
      <div className="muted small">{t('incident.declaredAt', { at: dateTime(incident.createdAt) })}</div>
    </Card>
  );
}

export function IncidentsPage() {
  const { t } = useTranslation();
  const may = useCapabilities();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [declaring, setDeclaring] = useState(false);
  const scopeParam = params.get('scope');
  const scope: IncidentScope = SCOPES.includes(scopeParam as IncidentScope) ? (scopeParam as IncidentScope) : 'open';
  const query = useQuery(incidentsQuery(scope));
  const mayDeclare = may.declareIncidents;
  const items = query.data ?? [];

  return (
    <>
      <PageHeader
        title={t('incidents.title')}
        subtitle={t('incidents.subtitle')}
        crumbs={[{ title: t('nav.response') }, { title: t('nav.incidents') }]}
        extra={
          mayDeclare ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDeclaring(true)} data-testid="declare-incident">
              {t('incidents.declare')}
            </Button>
          ) : null
        }
      />
      <Flex justify="space-between" align="center" wrap gap={12} className="incidents-toolbar">
        <Segmented<IncidentScope>
          value={scope}
          onChange={(value) => setParams(value === 'open' ? {} : { scope: value })}
          options={SCOPES.map((value) => ({ value, label: t(`incidents.scope.${value}`) }))}
          aria-label={t('incidents.scopeLabel')}
        />
        <Typography.Text type="secondary" aria-live="polite">
          {query.isPending ? t('common.loading') : t('incidents.total', { count: items.length })}
        </Typography.Text>
      </Flex>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <div className="page-spin">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Card className="section-card">
          <Empty
            image={<AlertOutlined className="empty-icon" aria-hidden="true" />}
            description={scope === 'open' ? t('incidents.emptyOpen') : t('incidents.empty')}
          />
        </Card>
      ) : (
        <div className="incident-grid" data-testid="incident-list">
          {items.map((incident) => (
            <IncidentCard key={incident.id} incident={incident} />
          ))}
        </div>
      )}
      <DeclareIncidentModal
        open={declaring}
        onClose={() => setDeclaring(false)}
        onDeclared={(id) => navigate(`/incidents/${encodeURIComponent(id)}`)}
      />
    </>
  );
}
