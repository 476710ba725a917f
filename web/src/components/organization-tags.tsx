import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrganizationKind } from '../../../src/model/organization';

const KIND_COLORS: Record<OrganizationKind, string> = {
  government_agency: 'red',
  social_organization: 'blue',
  foundation: 'gold',
  rescue_team: 'volcano',
  volunteer_association: 'green',
  community_group: 'cyan',
  grassroots_group: 'lime',
  enterprise: 'purple',
};

export function KindTag({ kind }: { kind: OrganizationKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLORS[kind]} variant="outlined">
      {t(`kind.${kind}`)}
    </Tag>
  );
}

export function CategoryTags({ categories, empty = '—' }: { categories: readonly string[]; empty?: string }) {
  const { t } = useTranslation();
  if (categories.length === 0) return <span className="muted">{empty}</span>;
  return (
    <span className="tag-list">
      {categories.map((category) => (
        <Tag key={category} variant="filled">
          {t(`category.${category}`)}
        </Tag>
      ))}
    </span>
  );
}
