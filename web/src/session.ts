/**
 * The signed-in user and what they may do, held in the query cache; the CSRF token goes to the
 * API module. What the user may do comes from the server with the session (capabilities), so
 * the UI offers exactly what the server's policy accepts; answers about one record come with it
 * (viewerCan…).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { authApi, setCsrfToken } from './api';
import { warmFieldData } from './offline/field-data';
import { rememberSignedInUser } from './offline/offline-db';
import { forgetAnswered } from './offline/outbox';
import type { Capabilities, Session, User } from './types';

/**
 * Tells the service worker whose data it may keep (and drops any other user's), then fetches
 * the field pages' data once so it is kept for offline use.
 */
async function noteSignedIn(userId: string | null): Promise<void> {
  try {
    await rememberSignedInUser(userId);
    if (userId) await warmFieldData();
  } catch {
    // No IndexedDB (a private window): nothing is kept on the device, the app works online.
  }
}

export const SESSION_KEY = ['session'] as const;

export function useSessionQuery() {
  return useQuery({
    queryKey: SESSION_KEY,
    queryFn: async () => {
      const session = await authApi.session();
      setCsrfToken(session?.csrfToken ?? null);
      // Only a server's answer says nobody is signed in (a failed fetch throws instead).
      void noteSignedIn(session?.user.id ?? null);
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
    void noteSignedIn(session.user.id);
  };
}

/**
 * Ends the session on the server and forgets everything cached for this user: the query
 * cache, the service worker's cache of their data, and their outbox entries the server has
 * answered. Entries still waiting stay on the device under their name, hidden from anyone
 * else, and are sent at their next sign-in (src/offline/outbox.ts).
 */
export function useSignOut(): () => Promise<void> {
  const queryClient = useQueryClient();
  return async () => {
    const userId = queryClient.getQueryData<Session | null>(SESSION_KEY)?.user.id;
    try {
      await authApi.logout();
    } finally {
      setCsrfToken(null);
      queryClient.removeQueries();
      queryClient.setQueryData(SESSION_KEY, null);
      try {
        if (userId) await forgetAnswered(userId);
      } catch {
        // No IndexedDB: there is no outbox to clear.
      }
      await noteSignedIn(null);
    }
  };
}
