/** The signed-in user, held in the query cache; the CSRF token goes to the API module. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, setCsrfToken } from './api';
import type { Session, User } from './types';

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

/** The signed-in user; only for pages behind RequireSession. */
export function useCurrentUser(): User {
  const { data } = useSessionQuery();
  if (!data) throw new Error('useCurrentUser outside a signed-in page');
  return data.user;
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
