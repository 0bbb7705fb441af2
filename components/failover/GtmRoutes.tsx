import { StatusBadge } from '@/components/ui/StatusBadge';
import type { GeoRoute, RouteState } from '@/lib/failovers/routes';

/** Up to this many geos are listed whole; beyond it, those on their home region fold away. */
const LIST_ALL_UP_TO = 6;

const STATE_NOTES: Record<RouteState, (route: GeoRoute) => string | null> = {
  home: () => null,
  failed_over: (route) => `failed over from ${route.homeRegion}`,
  split: () => 'answered by two regions',
  unrouted: () => 'no answer',
};

/**
 * Where the GTM sends each client geo right now. A geo answered by two regions, moved off
 * its home region or not answered at all comes first; with many geos the rest fold away.
 */
export function GtmRoutes({ routes }: { routes: GeoRoute[] }) {
  if (routes.length <= LIST_ALL_UP_TO) return <RouteList routes={routes} label="Current route per client geo" />;
  const exceptions = routes.filter((route) => route.state !== 'home');
  const atHome = routes.filter((route) => route.state === 'home');
  return (
    <>
      {exceptions.length ? <RouteList routes={exceptions} label="Client geos not on their home region" /> : null}
      {atHome.length ? (
        <details className="route-more">
          <summary>
            {atHome.length} {exceptions.length ? 'other ' : ''}geo{atHome.length === 1 ? '' : 's'} on {atHome.length === 1 ? 'its' : 'their'} home region
          </summary>
          <RouteList routes={atHome} label="Client geos on their home region" />
        </details>
      ) : null}
    </>
  );
}

function RouteList({ routes, label }: { routes: GeoRoute[]; label: string }) {
  return (
    <ul className="route-list" aria-label={label}>
      {routes.map((route) => {
        const note = STATE_NOTES[route.state](route);
        return (
          <li key={route.geo} className={`route route-${route.state}`} data-geo={route.geo} data-state={route.state}>
            <span className="route-geo mono">{route.geo}</span>
            <span className="route-arrow" role="img" aria-label="routed to">
              →
            </span>
            <span className="route-regions mono">{route.regions.length ? route.regions.join(' + ') : '—'}</span>
            {note ? (
              <StatusBadge tone={route.state === 'failed_over' ? 'warning' : 'breach'}>
                <span className="route-note">{note}</span>
              </StatusBadge>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
