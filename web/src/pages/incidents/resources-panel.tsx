/**
 * The board's resources tab (资源): what the incident needs now and what it does not, the stock
 * in its areas, the allocation plan (its coordinators), the shipments it made, then the offers and pledges made
 * to it — kept current by the board's live stream (offer and plan events refetch this tab
 * alone, shipment events the whole board).
 */
import { useQuery } from '@tanstack/react-query';
import { offerApi } from '../../api';
import type { IncidentDetail } from '../../types';
import { AllocationCard } from './allocation-card';
import { type LiveMode, pollInterval, resourcesKey } from './live-updates';
import { NeededNowCards } from './needed-now-cards';
import { OffersCard } from './offers-card';
import { ShipmentsCard } from './shipments-card';
import { StockCard } from './stock-card';

export function ResourcesPanel({ incident, live }: { incident: IncidentDetail; live: LiveMode }) {
  const needed = useQuery({
    queryKey: [...resourcesKey(incident.id), 'needed'],
    queryFn: () => offerApi.needed(incident.id),
    refetchInterval: pollInterval(live),
  });
  return (
    <div className="resources-panel" data-testid="resources-panel">
      <NeededNowCards incident={incident} needed={needed.data} loading={needed.isPending} error={needed.error} />
      <StockCard incident={incident} live={live} needed={needed.data} />
      {incident.viewerCanCoordinate ? <AllocationCard incident={incident} live={live} /> : null}
      <ShipmentsCard incident={incident} live={live} />
      <OffersCard incident={incident} live={live} needed={needed.data} />
    </div>
  );
}
