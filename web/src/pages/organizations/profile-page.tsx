/** One organization's profile; its editors can edit it in place or archive it. */
import { EditOutlined, InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Result, Row, Spin, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { ApiError, embeddingApi, organizationApi } from '../../api';
import { ErrorAlert } from '../../components/error-alert';
import { FunctionMapGrid } from '../../components/function-map-grid';
import { JurisdictionTag } from '../../components/jurisdiction-name';
import { MembershipStatusTag, MembershipTierTag } from '../../components/membership-tags';
import { OrganizationRecordCard } from '../../components/organization-record';
import { CategoryTags, KindTag } from '../../components/organization-tags';
import { PageHeader } from '../../components/page-header';
import { VerificationTag } from '../../components/verification-tag';
import { useErrorText } from '../../error-text';
import { useDateTime } from '../../format';
import type { Embedding, OrganizationDetail, OrganizationInput, VerifiableField } from '../../types';
import { CapacitySection } from './capacity-section';
import { EmbeddingSection } from './embedding-section';
import { MembershipSection } from './membership-section';
import { OrganizationForm } from './organization-form';
import { hasValue, VerifyFieldsModal } from './verify-fields-modal';
import { VolunteerSection } from './volunteer-section';

function Details({ org, embedding }: { org: OrganizationDetail; embedding: Embedding | undefined }) {
  const { t } = useTranslation();
  const dateTime = useDateTime();
  const [verifying, setVerifying] = useState(false);
  const none = <span className="muted">{t('common.none')}</span>;
  // A field with a value is 已核验 or 自报; who verified it and when come with the embedding.
  const marked = (field: VerifiableField, value: ReactNode) => {
    if (!hasValue(org, field)) return none;
    const verification = embedding?.verifiedFields.find((v) => v.field === field)?.verification;
    return (
      <span className="verifiable" data-field={field}>
        <span>{value}</span>
        <VerificationTag verified={org.verifiedFields.includes(field)} verification={verification} />
      </span>
    );
  };
  const canVerify = Boolean(embedding?.viewerCanVerify) && !org.archived;
  return (
    <Card
      title={t('organization.sections.basic')}
      className="section-card"
      extra={
        canVerify ? (
          <Button icon={<SafetyCertificateOutlined />} onClick={() => setVerifying(true)} data-testid="verify-fields">
            {t('embedding.verifyFields')}
          </Button>
        ) : null
      }
    >
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="middle"
        items={[
          { key: 'name', label: t('field.name'), children: marked('name', org.name) },
          { key: 'kind', label: t('field.kind'), children: marked('kind', <KindTag kind={org.kind} />) },
          { key: 'nameEn', label: t('field.nameEn'), children: org.nameEn ?? none },
          {
            key: 'creditCode',
            label: t('field.creditCode'),
            children: marked(
              'creditCode',
              <Typography.Text copyable className="code-text">
                {org.creditCode}
              </Typography.Text>,
            ),
          },
          {
            key: 'supervisingAgency',
            label: t('field.supervisingAgency'),
            children: marked('supervisingAgency', org.supervisingAgency),
          },
          {
            key: 'jurisdictions',
            label: t('field.jurisdictions'),
            span: 'filled',
            children: marked(
              'jurisdictions',
              org.jurisdictions.map((code, i) => (
                <JurisdictionTag key={code} code={code} name={org.jurisdictionNames[i] ?? undefined} />
              )),
            ),
          },
          {
            key: 'base',
            label: t('field.base'),
            children: org.base ? (
              <span className="code-text">
                {t('organization.coordinates', { lat: org.base.lat.toFixed(4), lon: org.base.lon.toFixed(4) })}
              </span>
            ) : (
              none
            ),
          },
          {
            key: 'publicFundraising',
            label: t('field.publicFundraisingQualified'),
            children: org.publicFundraisingQualified ? (
              <Tag color="green" data-testid="public-fundraising">
                {org.publicFundraisingSince
                  ? t('organization.publicFundraising.qualifiedSince', { since: org.publicFundraisingSince })
                  : t('organization.publicFundraising.qualified')}
              </Tag>
            ) : (
              <span className="muted">{t('organization.publicFundraising.notQualified')}</span>
            ),
          },
          { key: 'updatedAt', label: t('field.updatedAt'), children: dateTime(org.updatedAt) },
          { key: 'createdAt', label: t('field.createdAt'), children: dateTime(org.createdAt) },
        ]}
      />
      {canVerify ? <VerifyFieldsModal org={org} open={verifying} onClose={() => setVerifying(false)} /> : null}
    </Card>
  );
}

function Capabilities({ org }: { org: OrganizationDetail }) {
  const { t } = useTranslation();
  return (
    <Card title={t('organization.sections.capabilities')} className="section-card">
      <Row gutter={[32, 16]}>
        <Col xs={24} xl={16}>
          <Typography.Title level={2} className="section-title">
            {t('field.cells')}
          </Typography.Title>
          <FunctionMapGrid value={org.capabilities.cells} />
        </Col>
        <Col xs={24} xl={8}>
          <Typography.Title level={2} className="section-title">
            {t('field.serviceCategories')}
          </Typography.Title>
          <CategoryTags categories={org.capabilities.serviceCategories} empty={t('common.none')} />
        </Col>
      </Row>
    </Card>
  );
}

export function ProfilePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const { full } = useErrorText();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const query = useQuery({ queryKey: ['organization', id], queryFn: () => organizationApi.get(id) });
  const embedding = useQuery({
    queryKey: ['embedding', id],
    queryFn: () => embeddingApi.get(id),
    enabled: query.isSuccess,
  });

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['organization', id] });
    await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    await queryClient.invalidateQueries({ queryKey: ['embedding', id] });
    // Archiving ends declaring and verifying.
    await queryClient.invalidateQueries({ queryKey: ['capacity', id] });
    await queryClient.invalidateQueries({ queryKey: ['volunteers', id] });
  };
  const archive = useMutation({
    mutationFn: () => organizationApi.archive(id),
    onSuccess: async () => {
      message.success(t('organization.archivedDone'));
      await refresh();
    },
    onError: (error) => message.error(full(error)),
  });

  const crumbs = [{ title: t('nav.network') }, { title: t('nav.organizations'), to: '/organizations' }];
  if (query.isPending) return <Spin size="large" className="page-spin" />;
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.status === 404;
    return (
      <>
        <PageHeader title={t('organization.title')} crumbs={crumbs} />
        {missing ? (
          <Result status="404" title={t('organization.notFound')} extra={<Link to="/organizations">{t('notFound.back')}</Link>} />
        ) : (
          <ErrorAlert error={query.error} />
        )}
      </>
    );
  }

  const org = query.data;
  const editable = org.viewerCanEdit && !org.archived;
  const save = async (input: OrganizationInput) => {
    await organizationApi.update(id, input);
    await refresh();
    setEditing(false);
    message.success(t('organization.saved'));
  };
  const confirmArchive = () =>
    modal.confirm({
      title: t('organization.archiveConfirmTitle', { name: org.name }),
      content: t('organization.archiveConfirmBody'),
      okText: t('organization.archive'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => archive.mutateAsync(),
    });

  return (
    <>
      <PageHeader
        title={org.name}
        subtitle={org.nameEn}
        crumbs={[...crumbs, { title: org.name }]}
        tags={
          <>
            <KindTag kind={org.kind} />
            <MembershipStatusTag status={org.membership.status} />
            <MembershipTierTag tier={org.membership.tier} />
            {org.archived ? <Tag color="default">{t('organization.archived')}</Tag> : null}
          </>
        }
        extra={
          editable && !editing ? (
            <>
              <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('organization.edit')}
              </Button>
              <Button danger icon={<InboxOutlined />} onClick={confirmArchive} loading={archive.isPending}>
                {t('organization.archive')}
              </Button>
            </>
          ) : null
        }
      />
      {org.archived ? (
        <Alert
          type="warning"
          showIcon
          icon={<InboxOutlined />}
          role="status"
          className="archived-banner"
          title={t('organization.archivedBanner')}
          description={t('organization.archivedBannerBody')}
          data-testid="archived-banner"
        />
      ) : null}
      {editing ? (
        <OrganizationForm initial={org} submitLabel={t('common.save')} onSubmit={save} onCancel={() => setEditing(false)} />
      ) : (
        <>
          <Details org={org} embedding={embedding.data} />
          <Capabilities org={org} />
          <CapacitySection org={org} />
          <VolunteerSection org={org} />
          <MembershipSection org={org} />
          <OrganizationRecordCard id={org.id} />
          <EmbeddingSection
            org={org}
            embedding={embedding.data}
            loading={embedding.isPending && query.isSuccess}
            error={embedding.error}
          />
        </>
      )}
    </>
  );
}
