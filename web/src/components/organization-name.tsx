import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { organizationApi } from '../api';

/** An organization's name (looked up by id unless given), linking to its profile. */
export function OrganizationName({ id, name }: { id: string | null | undefined; name?: string }) {
  const { data, isPending } = useQuery({
    queryKey: ['organization', id],
    queryFn: () => organizationApi.get(id ?? ''),
    enabled: Boolean(id) && name === undefined,
    staleTime: 60_000,
  });
  if (!id) return <span className="muted">—</span>;
  // While the name loads, a placeholder rather than the raw id.
  return <Link to={`/organizations/${encodeURIComponent(id)}`}>{name ?? data?.name ?? (isPending ? '…' : id)}</Link>;
}
