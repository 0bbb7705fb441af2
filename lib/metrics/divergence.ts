import { Counter, Gauge, type Registry } from 'prom-client';
import type { DivergenceSignal } from '@/lib/signals/divergence';

const PAIR = ['region_a', 'region_b', 'dataset'] as const;

/** Divergence metrics, read at scrape time from the divergence signal's snapshot. */
export function registerDivergenceMetrics(registers: Registry[], divergence: () => DivergenceSignal | null): void {
  const pairs = () =>
    divergence()
      ?.snapshot()
      .pairs.filter((pair) => pair.stats !== null) ?? [];
  const labels = (pair: { regionA: string; regionB: string; dataset: string }) => ({ region_a: pair.regionA, region_b: pair.regionB, dataset: pair.dataset });
  new Gauge({
    name: 'regionwatch_divergent_entities',
    help: "Entities still different after every region's earlier writes landed in both regions (settled), at the last check.",
    labelNames: PAIR,
    registers,
    collect() {
      this.reset();
      for (const pair of pairs()) this.set(labels(pair), pair.divergentEntities);
    },
  });
  new Gauge({
    name: 'regionwatch_divergence_unsettled_entities',
    help: 'Candidates whose in-flight writes from every region had not all landed in both regions by the end of the last check.',
    labelNames: PAIR,
    registers,
    collect() {
      this.reset();
      for (const pair of pairs()) this.set(labels(pair), pair.unsettledEntities);
    },
  });
  const counter = (name: string, help: string, value: (count: { checks: number; diverged: number }) => number) =>
    new Counter({
      name,
      help,
      labelNames: PAIR,
      registers,
      collect() {
        this.reset();
        for (const count of divergence()?.snapshot().counts ?? []) this.inc(labels(count), value(count));
      },
    });
  counter('regionwatch_divergence_checks_total', 'Divergence checks completed per dataset and region pair.', (count) => count.checks);
  counter('regionwatch_divergence_checks_diverged_total', 'Divergence checks that found at least one settled divergent entity.', (count) => count.diverged);
  new Gauge({
    name: 'regionwatch_divergence_check_duration_seconds',
    help: 'Duration of the last check of the dataset across all region pairs.',
    labelNames: ['dataset'],
    registers,
    collect() {
      this.reset();
      for (const { dataset, seconds } of divergence()?.snapshot().durations ?? []) this.set({ dataset }, seconds);
    },
  });
}
