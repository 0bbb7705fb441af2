import type { StoreAdapter } from '@/collectors/adapters';

/**
 * The network between the collector and a demo region's store: while the region is down
 * every call fails at once, as a connection to a dead host would. (The demo's stores are
 * SQLite files in this process, so the outage is injected here rather than by a proxy.)
 */
export function gateStore(store: StoreAdapter, isDown: () => boolean): StoreAdapter {
  const refuse = () => Promise.reject(new Error(`connect ECONNREFUSED: region ${store.region} is down (demo region_outage)`));
  return {
    region: store.region,
    engine: store.engine,
    safeLocation: store.safeLocation,
    ensureHeartbeatTable: () => store.ensureHeartbeatTable(),
    writeHeartbeat: (origin, seq) => (isDown() ? refuse() : store.writeHeartbeat(origin, seq)),
    readHeartbeats: () => (isDown() ? refuse() : store.readHeartbeats()),
    readConflicts: (afterId, limit) => (isDown() ? refuse() : store.readConflicts(afterId, limit)),
    readConflictStatus: (ids) => (isDown() ? refuse() : store.readConflictStatus(ids)),
    readWrites: (afterId, limit) => (isDown() ? refuse() : store.readWrites(afterId, limit)),
    openChecksum: (timeoutMs) => store.openChecksum(timeoutMs),
    close: () => store.close(),
  };
}
