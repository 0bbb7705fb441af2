import type { SloConfig } from '@/lib/config/schema';
import type { History } from '@/lib/store/history';
import type { SliCount, SliCounters } from '@/lib/slo/sli';
import { sloStatus, type SloStatus } from '@/lib/slo/status';

/** The recorded SLI counts an SLO's status is computed from (the embedded history is one). */
export type SloHistory = Pick<History, 'valueAt' | 'query'>;

export interface SloSnapshot {
  at: number;
  slos: { slo: SloConfig; status: SloStatus }[];
}

/**
 * The owner of SLO budgets and burn rates. They are computed once per recording tick
 * (`refresh`) from the recorded event counts; `/metrics`, the API and the pages read that one
 * result, so they never show two different burn rates for the same moment.
 */
export class SloSignal {
  private latest: SloSnapshot | null = null;

  constructor(
    private readonly slos: SloConfig[],
    private readonly history: SloHistory,
    private readonly sli: SliCounters,
    private readonly divergenceCounts: () => { checks: number; diverged: number },
  ) {}

  /** Cumulative SLI event counts per SLO, now (divergence checks copied from their owner). */
  counts(): Map<string, SliCount> {
    const { checks, diverged } = this.divergenceCounts();
    this.sli.setDivergence(checks, diverged);
    return this.sli.snapshot();
  }

  /** Recomputes every SLO's status (the recorder calls this right after recording the counts). */
  refresh(now = Date.now(), counts = this.counts()): SloSnapshot {
    this.latest = { at: now, slos: this.slos.map((slo) => ({ slo, status: sloStatus(slo, this.history, counts.get(slo.name) ?? { good: 0, total: 0 }, now) })) };
    return this.latest;
  }

  /** The last computed statuses (computed now if none yet). */
  snapshot(): SloSnapshot {
    return this.latest ?? this.refresh();
  }

  /** Takes statuses computed from a PromQL backend (a dashboard without collectors) as the current ones. */
  adopt(snapshot: SloSnapshot): void {
    this.latest = snapshot;
  }
}
