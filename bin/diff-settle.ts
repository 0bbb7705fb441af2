import type { StoreAdapter } from '@/collectors/adapters';
import type { HeartbeatRow } from '@/collectors/adapters/types';
import type { ReplicationFrontier } from '@/lib/domain/settlement';

/** A region whose own heartbeat is older than this has no collector writing it: `diff` writes its own. */
const STALE_HEARTBEAT_MS = 5000;

interface View {
  rows: Map<string, HeartbeatRow>;
  /** Store clock minus ours, from the read's midpoint, and the half round trip it may be off by. */
  offsetMs: number;
  errorMs: number;
}

/**
 * The replication frontier as `regionwatch diff` sees it, from the heartbeat tables of every
 * configured region (writes can come from any of them, not only the pair). Where no
 * collector is writing heartbeats, it writes them itself so the wait can end.
 */
export class HeartbeatTableFrontier implements ReplicationFrontier {
  private views = new Map<string, View>();
  private readonly seq = new Map<string, number>();

  constructor(private readonly stores: StoreAdapter[]) {}

  sources(): readonly string[] {
    return this.stores.map((store) => store.region);
  }

  appliedIn(target: string): Map<string, number | null> {
    const view = this.views.get(target);
    const applied = new Map<string, number | null>();
    for (const source of this.sources()) {
      if (source === target) continue;
      const row = view?.rows.get(source);
      const sourceView = this.views.get(source);
      applied.set(source, row && sourceView ? row.tsMs - sourceView.offsetMs - sourceView.errorMs : null);
    }
    return applied;
  }

  /** Reads every region's heartbeat table once (and writes a heartbeat where none is being written). */
  async refresh(): Promise<void> {
    await Promise.all(
      this.stores.map(async (store) => {
        try {
          const sentAt = Date.now();
          const { rows, storeNowMs } = await store.readHeartbeats();
          const answeredAt = Date.now();
          const view = { rows: new Map(rows.map((row) => [row.origin, row])), offsetMs: storeNowMs - (sentAt + answeredAt) / 2, errorMs: (answeredAt - sentAt) / 2 };
          this.views.set(store.region, view);
          const own = view.rows.get(store.region);
          if (!own || storeNowMs - own.tsMs > STALE_HEARTBEAT_MS || this.seq.has(store.region)) {
            const seq = Math.max(this.seq.get(store.region) ?? 0, own?.seq ?? 0) + 1;
            this.seq.set(store.region, seq);
            await store.writeHeartbeat(store.region, seq);
          }
        } catch {
          // A region that cannot be read keeps the pairs it feeds unsettled: that is the answer.
        }
      }),
    );
  }
}
