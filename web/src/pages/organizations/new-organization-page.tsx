import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { organizationApi } from '../../api';
import { PageHeader } from '../../components/page-header';
import type { OrganizationInput } from '../../types';
import { OrganizationForm } from './organization-form';

export function NewOrganizationPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const create = async (input: OrganizationInput) => {
    const created = await organizationApi.create(input);
    await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    message.success(t('organization.created'));
    navigate(`/organizations/${encodeURIComponent(created.id)}`);
  };

  return (
    <>
      <PageHeader
        title={t('newOrganization.title')}
        subtitle={t('newOrganization.subtitle')}
        crumbs={[
          { title: t('nav.network') },
          { title: t('nav.organizations'), to: '/organizations' },
          { title: t('newOrganization.title') },
        ]}
      />
      <OrganizationForm submitLabel={t('newOrganization.submit')} onSubmit={create} onCancel={() => navigate('/organizations')} />
    </>
  );
}
