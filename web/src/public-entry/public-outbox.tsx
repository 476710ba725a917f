/** The reports kept on this phone (the outbox's public entries), with their states and receipt codes. */
import { currentCsrfToken } from '../api';
import { OutboxList } from '../offline/outbox-list';
import { useOutboxEntries } from '../offline/use-outbox';

export function PublicOutbox() {
  const entries = useOutboxEntries('public');
  return <OutboxList entries={entries} owner="public" csrfToken={currentCsrfToken} />;
}
