/**
 * The board's resources tab (资源): what the incident needs now and what it does not, then the
 * offers and pledges made to it — kept current by the board's live stream (offer events
 * refetch this tab alone).
 */
import { useQuery } from '@tanstack/react-query';
import { offerApi } from '../../api';
import type { IncidentDetail } from '../../types';
import { type LiveMode, pollInterval, resourcesKey } from './live-updates';
import { NeededNowCards } from './needed-now-cards';
import { OffersCard } from './offers-card';

export function ResourcesPanel({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const needed = useQuery({
    queryKey: [...resourcesKey(incident.id), 'needed'],
    queryFn: () => offerApi.needed(incident.id),
    refetchInterval: pollInterval(live),
  });
  return (
    <div className="resources-panel" data-testid="resources-panel">
      <NeededNowCards incident={incident} needed={needed.data} loading={needed.isPending} error={needed.error} />
      <OffersCard incident={incident} live={live} needed={needed.data} />
    </div>
  );
}
