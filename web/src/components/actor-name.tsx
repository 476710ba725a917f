/**
 * Who did something, from the actor id the server records: a system actor ("system:public"
 * for anonymous applicants), the reader, or another account. Only platform admins may read
 * other accounts, so others see a short account id instead of a name.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { userApi } from '../api';
import { useCapabilities, useCurrentUser } from '../session';

function shortId(id: string): string {
  return id.length > 12 ? `${id.slice(0, 8)}…` : id;
}

/** The reader's words for an actor id; `name` is the account's name when known. */
export function useActorLabel(): (id: string, name?: string | null) => string {
  const { t } = useTranslation();
  const user = useCurrentUser();
  return (id, name) => {
    if (id === 'system:public') return t('actor.public');
    if (id.startsWith('system:')) return t('actor.system');
    if (id === user.id) return t('actor.you', { name: user.displayName || user.email });
    if (name) return name;
    return t('actor.account', { id: shortId(id) });
  };
}

export function ActorName({ id }: { id: string }) {
  const user = useCurrentUser();
  const label = useActorLabel();
  const lookUp = useCapabilities().readAnyAccount && !id.startsWith('system:') && id !== user.id;
  const { data } = useQuery({
    queryKey: ['user', id],
    queryFn: () => userApi.get(id),
    enabled: lookUp,
    staleTime: 5 * 60_000,
    retry: false,
  });
  return <span title={id.startsWith('system:') ? undefined : id}>{label(id, data ? data.displayName || data.email : null)}</span>;
}
