/** React hooks over the outbox (no UI library: the light public pages use them too). */
import { useCallback, useEffect, useState } from 'react';
import { type OutboxEntry, outboxOf } from './outbox';
import { onOutboxChange, startOutbox } from './outbox-client';

/** The entries of one owner (a user id or 'public'), newest first, kept current. */
export function useOutboxEntries(owner: string | null): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const load = useCallback(() => {
    if (!owner) return setEntries([]);
    outboxOf(owner).then(setEntries, () => setEntries([]));
  }, [owner]);
  useEffect(() => {
    load();
    return onOutboxChange(load);
  }, [load]);
  return entries;
}

/** Sends the owner's waiting entries now and whenever the browser comes back online. */
export function useOutboxSender(owner: string | null, csrfToken: () => string | null): void {
  useEffect(() => startOutbox(() => ({ userId: owner, csrfToken: csrfToken() })), [owner, csrfToken]);
}
