/**
 * Recommendations where the decision is made: the organizations best able to serve a need,
 * ranked by function, each factor (capability, distance, service area, free capacity, track
 * record) drawn as a bar with the server's explanation, narrowed by kind, distance and verified
 * capacity. From the need drawer one click dispatches to one of them; the dispatch dialog sends
 * parts of the quantity to several at once.
 */
import { SendOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Checkbox,
  Empty,
  Flex,
  InputNumber,
  List,
  Modal,
  Progress,
  Select,
  Spin,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ORGANIZATION_KINDS } from '../../../../src/model/organization';
import { deploymentApi, needApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { OrganizationPicker } from '../../components/organization-picker';
import type { DeploymentView, NeedView, Recommendation, RecommendationFilters } from '../../types';
import { boardKey } from './live-updates';
import { NeedErrorAlert } from './need-forms';
import { remainingOf } from './rules';

const FACTORS = ['capability', 'distance', 'area', 'capacity', 'record'] as const;
const DISTANCES = [10, 30, 100, 300];

function useRecommendations(needId: string, filters: RecommendationFilters, limit: number) {
  return useQuery({
    queryKey: ['board', 'recommendations', needId, filters, limit],
    queryFn: () => needApi.recommendations(needId, { ...filters, limit }),
    staleTime: 15_000,
  });
}

function Filters({ value, onChange }: { value: RecommendationFilters; onChange: (next: RecommendationFilters) => void }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8} align="center" className="recommendation-filters">
      <Select
        allowClear
        size="small"
        className="filter-select"
        placeholder={t('recommend.anyKind')}
        aria-label={t('recommend.kind')}
        value={value.kind}
        onChange={(kind) => onChange({ ...value, kind })}
        options={ORGANIZATION_KINDS.map((kind) => ({ value: kind, label: t(`kind.${kind}`) }))}
      />
      <Select
        allowClear
        size="small"
        className="filter-select"
        placeholder={t('recommend.anyDistance')}
        aria-label={t('recommend.within')}
        value={value.withinKm}
        onChange={(withinKm) => onChange({ ...value, withinKm })}
        options={DISTANCES.map((km) => ({ value: km, label: t('recommend.withinKm', { km }) }))}
      />
      <span className="inline-switch">
        <Switch
          size="small"
          id="recommend-verified-only"
          aria-label={t('recommend.verifiedOnly')}
          checked={value.verifiedOnly ?? false}
          onChange={(verifiedOnly) => onChange({ ...value, verifiedOnly: verifiedOnly || undefined })}
        />{' '}
        {t('recommend.verifiedOnly')}
      </span>
    </Flex>
  );
}

/** One organization's fit: its score, a bar per factor, its tags and the explanation. */
function Fit({ item, category }: { item: Recommendation; category?: string }) {
  const { t } = useTranslation();
  return (
    <div className="recommendation" data-testid="recommendation">
      <Flex align="center" gap={6} wrap>
        <Link to={`/organizations/${encodeURIComponent(item.organizationId)}`} className="strong">
          {item.name}
        </Link>
        <Tag>{t(`kind.${item.kind}`)}</Tag>
        {item.membershipTier === 'provisional' ? (
          <Tag color="orange" title={t('recommend.provisionalHint')}>
            {t('recommend.provisional')}
          </Tag>
        ) : null}
        {item.membershipStatus === 'cultivation' ? <Tag color="gold">{t('recommend.cultivation')}</Tag> : null}
        {item.verifiedCapacity ? <Tag color="green">{t('recommend.verifiedCapacity')}</Tag> : null}
        <span className="recommendation-score" title={t('recommend.scoreLabel')}>
          {Math.round(item.score * 100)}
          <span className="sr-only"> / 100</span>
        </span>
      </Flex>
      <div className="factor-bars">
        {FACTORS.map((factor) => {
          const value = item.factors[factor];
          return (
            <div key={factor} className="factor-bar">
              <span className="factor-name">
                {t(`recommend.factor.${factor}`)}
                {factor === 'distance' && item.distanceKm !== null ? ` ${item.distanceKm} km` : ''}
              </span>
              {value === null ? (
                <span className="muted small">{t('recommend.unknown')}</span>
              ) : (
                <Progress
                  percent={Math.round(value * 100)}
                  size="small"
                  showInfo={false}
                  aria-label={t(`recommend.factor.${factor}`)}
                />
              )}
            </div>
          );
        })}
      </div>
      <Typography.Text type="secondary" className="small" title={item.explanation}>
        {[
          t(item.factors.capability >= 0.8 ? 'recommend.why.covers' : 'recommend.why.notCovers', {
            category: category ? t(`category.${category}`) : t('recommend.why.theWork'),
          }),
          item.distanceKm === null ? t('recommend.why.noBase') : t('recommend.why.km', { km: item.distanceKm }),
          t(item.factors.area === 1 ? 'recommend.why.inArea' : 'recommend.why.outOfArea'),
          t('recommend.why.record', { percent: Math.round(item.factors.record * 100) }),
        ].join(' · ')}
      </Typography.Text>
    </div>
  );
}

/** The top recommendations in the need drawer, each one click from a dispatch of all that remains. */
export function RecommendationsSection({ need, onDispatchSeveral }: { need: NeedView; onDispatchSeveral: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<RecommendationFilters>({});
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState<string | null>(null);
  const query = useRecommendations(need.id, filters, 5);
  const remaining = remainingOf(need);
  const dispatch = async (item: Recommendation) => {
    setError(null);
    setSending(item.organizationId);
    try {
      await needApi.dispatch(need.id, { organizationId: item.organizationId });
      await queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
      toast.success(t('recommend.dispatchedTo', { name: item.name }));
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(null);
    }
  };
  return (
    <div data-testid="need-recommendations">
      <Typography.Title level={2} className="section-title drawer-section">
        {t('recommend.title')}
      </Typography.Title>
      <Filters value={filters} onChange={setFilters} />
      <NeedErrorAlert error={error} onClose={() => setError(null)} />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Spin size="small" />
      ) : (query.data ?? []).length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recommend.none')} />
      ) : (
        <List
          size="small"
          dataSource={query.data}
          rowKey="organizationId"
          renderItem={(item) => (
            <List.Item
              actions={[
                <Button
                  key="dispatch"
                  size="small"
                  type="primary"
                  icon={<SendOutlined />}
                  disabled={remaining === 0}
                  loading={sending === item.organizationId}
                  onClick={() => void dispatch(item)}
                  aria-label={t('recommend.dispatchTo', { name: item.name })}
                >
                  {t('recommend.dispatch')}
                </Button>,
              ]}
            >
              <Fit item={item} category={need.category} />
            </List.Item>
          )}
        />
      )}
      <Button size="small" onClick={onDispatchSeveral} disabled={remaining === 0} className="top-gap">
        {t('recommend.dispatchSeveral')}
      </Button>
    </div>
  );
}

interface Part {
  organizationId: string;
  name: string;
  quantity: number | null;
}

/**
 * The dispatch dialog: choose one or several of the recommended organizations (or any other),
 * each with its part of the quantity; the dispatches go one after another and a conflict names
 * who holds what now.
 */
export function DispatchModal({ need, open, onClose }: { need: NeedView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message: toast } = App.useApp();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<RecommendationFilters>({});
  const [parts, setParts] = useState<Part[]>([]);
  const [other, setOther] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const query = useRecommendations(need.id, filters, 10);
  const remaining = remainingOf(need);

  useEffect(() => {
    if (!open) return;
    setParts([]);
    setOther(null);
    setError(null);
  }, [open]);

  const chosen = (id: string) => parts.find((p) => p.organizationId === id);
  const toggle = (id: string, name: string, on: boolean) =>
    setParts((current) =>
      on ? [...current, { organizationId: id, name, quantity: null }] : current.filter((p) => p.organizationId !== id),
    );
  const setQuantity = (id: string, quantity: number | null) =>
    setParts((current) => current.map((p) => (p.organizationId === id ? { ...p, quantity } : p)));
  const all = [...parts, ...(other && !chosen(other) ? [{ organizationId: other, name: '', quantity: null }] : [])];
  // One organization alone takes all that remains; several need their parts written.
  const planned = all.map((p) => (all.length === 1 ? { ...p, quantity: p.quantity ?? remaining } : p));
  const missing = planned.some((p) => p.quantity === null);
  const total = planned.reduce((sum, p) => sum + (p.quantity ?? 0), 0);
  const problem =
    all.length === 0
      ? t('recommend.chooseOne')
      : missing
        ? t('recommend.partsNeeded')
        : total > remaining
          ? t('recommend.tooMuch', { remaining, unit: need.unit })
          : null;

  const submit = async () => {
    if (problem) return;
    setBusy(true);
    setError(null);
    let sent = 0;
    try {
      for (const part of planned) {
        await needApi.dispatch(need.id, { organizationId: part.organizationId, quantity: part.quantity ?? undefined });
        sent++;
      }
      toast.success(t('recommend.dispatchedMany', { count: sent }));
      onClose();
    } catch (failure) {
      // Those already sent stay sent: drop them from the plan and show what went wrong.
      setParts((current) => current.filter((p) => !planned.slice(0, sent).some((s) => s.organizationId === p.organizationId)));
      setError(failure);
    } finally {
      setBusy(false);
      await queryClient.invalidateQueries({ queryKey: boardKey(need.incidentId) });
    }
  };

  return (
    <Modal
      open={open}
      title={t('needs.dispatchTitle', { title: need.title })}
      okText={all.length > 1 ? t('recommend.dispatchCount', { count: all.length }) : t('needs.dispatchSubmit')}
      okButtonProps={{ disabled: problem !== null, 'data-testid': 'dispatch-submit' } as never}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      confirmLoading={busy}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      data-testid="dispatch-modal"
    >
      <NeedErrorAlert error={error} onClose={() => setError(null)} />
      <Typography.Paragraph type="secondary">
        {t('needs.remainingLine', { remaining, quantity: need.quantity, unit: need.unit })}
      </Typography.Paragraph>
      <Filters value={filters} onChange={setFilters} />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Spin size="small" />
      ) : (
        <List
          size="small"
          className="dispatch-choices"
          dataSource={query.data ?? []}
          rowKey="organizationId"
          locale={{ emptyText: t('recommend.none') }}
          renderItem={(item) => {
            const part = chosen(item.organizationId);
            return (
              <List.Item
                actions={[
                  <InputNumber
                    key="quantity"
                    min={1}
                    max={remaining}
                    precision={0}
                    size="small"
                    disabled={!part}
                    value={part?.quantity ?? null}
                    placeholder={need.unit}
                    aria-label={t('recommend.partFor', { name: item.name })}
                    onChange={(value) => setQuantity(item.organizationId, value)}
                  />,
                ]}
              >
                <Flex gap={8} align="start">
                  <Checkbox
                    checked={part !== undefined}
                    onChange={(e) => toggle(item.organizationId, item.name, e.target.checked)}
                    aria-label={t('recommend.choose', { name: item.name })}
                  />
                  <Fit item={item} category={need.category} />
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
      <Typography.Text strong>{t('recommend.other')}</Typography.Text>
      <OrganizationPicker value={other} onChange={setOther} aria-label={t('recommend.other')} />
      {problem && all.length > 0 ? <Alert type="info" showIcon title={problem} className="top-gap" /> : null}
      {!problem ? (
        <Typography.Paragraph type="secondary" className="top-gap">
          {t('needs.dispatchHint')}
        </Typography.Paragraph>
      ) : null}
    </Modal>
  );
}

/**
 * "Who else could do this", on the deployment review: the other organizations ranked for the
 * same work, so a coordinator deciding on a filing sees the alternatives before approving.
 */
export function AlternativesModal({ deployment, onClose }: { deployment: DeploymentView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<RecommendationFilters>({});
  const query = useQuery({
    queryKey: ['board', 'alternatives', deployment?.id, filters],
    queryFn: () => deploymentApi.alternatives(deployment?.id ?? '', { ...filters, limit: 10 }),
    enabled: deployment !== null,
    staleTime: 15_000,
  });
  return (
    <Modal
      open={deployment !== null}
      title={t('recommend.alternativesTitle', { team: deployment?.teamName ?? '' })}
      footer={null}
      onCancel={onClose}
      width={720}
      destroyOnHidden
      data-testid="alternatives-modal"
    >
      <Typography.Paragraph type="secondary">{t('recommend.alternativesIntro')}</Typography.Paragraph>
      <Filters value={filters} onChange={setFilters} />
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <Spin size="small" />
      ) : (
        <List
          size="small"
          dataSource={query.data ?? []}
          rowKey="organizationId"
          locale={{ emptyText: t('recommend.none') }}
          renderItem={(item) => (
            <List.Item>
              <Fit item={item} />
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
