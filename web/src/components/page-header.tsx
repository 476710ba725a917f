import { Breadcrumb, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export interface Crumb {
  title: string;
  to?: string;
}

interface Props {
  title: ReactNode;
  crumbs: Crumb[];
  subtitle?: ReactNode;
  tags?: ReactNode;
  extra?: ReactNode;
}

/** Breadcrumbs, the page's one h1, and its actions. */
export function PageHeader({ title, crumbs, subtitle, tags, extra }: Props) {
  const { t } = useTranslation();
  return (
    <header className="page-header">
      <Breadcrumb
        aria-label={t('nav.breadcrumb')}
        items={crumbs.map((crumb) => ({
          title: crumb.to ? <Link to={crumb.to}>{crumb.title}</Link> : crumb.title,
        }))}
      />
      <Flex justify="space-between" align="flex-start" gap={16} wrap className="page-header-row">
        <div className="page-header-heading">
          <Flex align="center" gap={12} wrap>
            <Typography.Title level={1} className="page-title">
              {title}
            </Typography.Title>
            {tags}
          </Flex>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </header>
  );
}
