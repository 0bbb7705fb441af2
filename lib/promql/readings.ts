import type { PairLag, RegionClock } from '@/lib/domain/lag';
import { pairKey } from '@/lib/domain/region';
import { BACKLOG_METRIC, CLOCK_OFFSET_METRIC, COLLECTOR_UP_METRIC, LAG_BOUND_METRIC, LAG_METRIC, LAST_APPLIED_METRIC, WRITE_SUCCESS_METRIC } from '@/lib/metrics/names';
import type { CollectorHealth } from '@/lib/signals';
import type { LagReadings } from '@/lib/signals/lag';
import type { SloConfig } from '@/lib/config/schema';
import type { SloSnapshot } from '@/lib/signals/slo';
import { PromBackendError, type InstantSample, type PromClient } from './client';
import { readSloStatuses } from './slo';

/** What the agents export and a dashboard reads back, by role. */
const PAIR_METRICS = { lag: LAG_METRIC, bound: LAG_BOUND_METRIC, backlog: BACKLOG_METRIC, applied: LAST_APPLIED_METRIC } as const;
const SELECTOR = `{__name__=~"${[...Object.values(PAIR_METRICS), WRITE_SUCCESS_METRIC, CLOCK_OFFSET_METRIC, COLLECTOR_UP_METRIC].join('|')}"}`;

/** The collector-status row a dashboard shows for the backend itself. */
const BACKEND_COLLECTOR = 'prometheus';

interface Reading {
  at: number;
  pairs: PairLag[];
  clocks: RegionClock[];
  collectors: { name: string; region: string; up: boolean }[];
}

/**
 * The current values a dashboard without collectors shows (`regionwatch dashboard`): the
 * agents' exported lag, bounds, backlog, clocks and collector health, read with one instant
 * query per poll. It feeds the same LagSignal a collector feeds, so every page, the Grafana
 * API and the REST API read one snapshot. A backend that fails keeps the last values out of
 * sight: nothing is shown as current that the backend did not just say.
 */
export class PromReadings implements LagReadings, CollectorHealth {
  private latest: Reading | null = null;
  private lastPoll: number | null = null;
  private error: PromBackendError | null = null;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;

  constructor(
    private readonly prom: PromClient,
    private readonly pollMs: number,
    /** SLOs whose statuses are read with each poll and handed to `onSlo`. */
    private readonly slo: { slos: SloConfig[]; onSlo: (snapshot: SloSnapshot) => void } | null = null,
  ) {}

  /** Polls now and then every `pollMs`; resolves after the first poll. */
  async start(): Promise<void> {
    await this.poll();
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One poll (a poll still running is joined rather than doubled). */
  poll(now = Date.now()): Promise<void> {
    this.polling ??= this.read(now).finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  pairLags(): PairLag[] {
    return this.latest?.pairs ?? [];
  }

  regionClocks(): RegionClock[] {
    return this.latest?.clocks ?? [];
  }

  statuses(): ReturnType<CollectorHealth['statuses']> {
    const backend = { name: BACKEND_COLLECTOR, region: this.prom.backend, up: this.error === null && this.lastPoll !== null, lastRun: this.lastPoll, error: this.error?.message ?? null };
    const agents = (this.latest?.collectors ?? []).map((collector) => ({ ...collector, lastRun: this.latest?.at ?? null, error: collector.up ? null : 'reported down by its agent' }));
    return [backend, ...agents];
  }

  durations(): { name: string; seconds: number }[] {
    return [];
  }

  ready(): boolean {
    return this.lastPoll !== null;
  }

  /** Throws the backend's error when the last poll failed: current values are then unknown, not stale. */
  assertAnswering(): void {
    if (this.error) throw this.error;
  }

  private async read(now: number): Promise<void> {
    try {
      const [samples, slos] = await Promise.all([this.prom.query(SELECTOR, now), this.slo ? readSloStatuses(this.prom, this.slo.slos, now) : null]);
      this.latest = { at: now, ...fold(samples) };
      if (slos) this.slo?.onSlo({ at: now, slos });
      this.error = null;
    } catch (error) {
      this.latest = null;
      this.error = error instanceof PromBackendError ? error : new PromBackendError('bad_gateway', `Prometheus at ${this.prom.backend}: ${(error as Error).message}`);
    }
    this.lastPoll = now;
  }
}

/**
 * Samples into readings. Several agents (or HA replicas) may export one series: a pair takes
 * the worst (largest) lag, bound and backlog; a region's write and a collector are up only
 * if every copy says so.
 */
export function fold(samples: InstantSample[]): Omit<Reading, 'at'> {
  const pairs = new Map<string, Partial<Record<keyof typeof PAIR_METRICS, number>> & { source: string; target: string }>();
  const clocks = new Map<string, RegionClock>();
  const collectors = new Map<string, { name: string; region: string; up: boolean }>();
  const roles = Object.entries(PAIR_METRICS) as [keyof typeof PAIR_METRICS, string][];
  for (const { labels, value } of samples) {
    const name = labels.__name__;
    const role = roles.find(([, metric]) => metric === name)?.[0];
    if (role && labels.source_region && labels.target_region) {
      const key = pairKey(labels.source_region, labels.target_region);
      const pair = pairs.get(key) ?? { source: labels.source_region, target: labels.target_region };
      pair[role] = Math.max(pair[role] ?? -Infinity, value);
      pairs.set(key, pair);
    } else if ((name === WRITE_SUCCESS_METRIC || name === CLOCK_OFFSET_METRIC) && labels.region) {
      const clock = clocks.get(labels.region) ?? { region: labels.region, writeSuccess: null, offsetMs: null, offsetErrorMs: null };
      if (name === WRITE_SUCCESS_METRIC) clock.writeSuccess = (clock.writeSuccess ?? true) && value === 1;
      else clock.offsetMs = value * 1000;
      clocks.set(labels.region, clock);
    } else if (name === COLLECTOR_UP_METRIC && labels.collector && labels.region) {
      const key = `${labels.collector}|${labels.region}`;
      collectors.set(key, { name: labels.collector, region: labels.region, up: (collectors.get(key)?.up ?? true) && value === 1 });
    }
  }
  return {
    pairs: [...pairs.values()].flatMap((pair) =>
      pair.lag === undefined
        ? []
        : [
            {
              source: pair.source,
              target: pair.target,
              lagMs: pair.lag * 1000,
              // The exported bound already holds the source's clock-offset error; clocks carry none here.
              errorBoundMs: (pair.bound ?? 0) * 1000,
              backlog: pair.backlog ?? 0,
              lastAppliedWrittenAt: pair.applied === undefined ? null : pair.applied * 1000,
            },
          ],
    ),
    clocks: [...clocks.values()],
    collectors: [...collectors.values()].sort((x, y) => x.name.localeCompare(y.name) || x.region.localeCompare(y.region)),
  };
}
