/**
 * The signed-in user and what they may do, held in the query cache; the CSRF token goes to the
 * API module. What the user may do comes from the server with the session (capabilities), so
 * the UI offers exactly what the server's policy accepts; answers about one record come with it
 * (viewerCan…).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, setCsrfToken } from './api';
import type { Capabilities, Session, User } from './types';

export const SESSION_KEY = ['session'] as const;

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await authApi.session();
      setCsrfToken(session?.csrfToken ?? null);
      return session;
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
}

function useSession(): Session {
  const { data } = useSessionQuery();
  if (!data) throw new Error('a signed-in hook outside a signed-in page');
  return data;
}

/** The signed-in user; only for pages behind RequireSession. */
export function useCurrentUser(): User {
  return useSession().user;
}

/** What the signed-in user may do (src/services/auth/capabilities.ts); only for pages behind RequireSession. */
export function useCapabilities(): Capabilities {
  return useSession().capabilities;
}

/** Whether the user acts in the field for this organization: for any (admins), or for their own. */
export function actsFor(capabilities: Capabilities, organizationId: string): boolean {
  return capabilities.actsForAnyOrganization || capabilities.fieldOrganizationId === organizationId;
}

/** Stores a session answered by login or setup. */
export function useSignIn(): (session: Session) => void {
  const queryClient = useQueryClient();
  return (session) => {
    setCsrfToken(session.csrfToken);
    queryClient.setQueryData(SESSION_KEY, session);
  };
}

/** Ends the session on the server and forgets everything cached for this user. */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      queryClient.removeQueries();
      queryClient.setQueryData(SESSION_KEY, null);
    }
  };
}
