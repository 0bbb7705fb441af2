import { Counter, Gauge, type Registry } from 'prom-client';
import type { DivergenceCollector } from '@/collectors/divergence';

const PAIR = ['region_a', 'region_b', 'dataset'] as const;

/** Divergence metrics, computed at scrape time from the divergence collector's last checks. */
export function registerDivergenceMetrics(registers: Registry[], divergence: () => DivergenceCollector | null): void {
  new Gauge({
    name: 'regionwatch_divergent_entities',
    help: 'Entities whose rows differ between two regions (confirmed after the replication lag), at the last check.',
    labelNames: PAIR,
    registers,
    collect() {
      this.reset();
      for (const check of divergence()?.checks() ?? []) {
        if (check.stats) this.set({ region_a: check.regionA, region_b: check.regionB, dataset: check.dataset }, check.entities.length);
      }
    },
  });
  new Counter({
    name: 'regionwatch_divergence_checks_total',
    help: 'Divergence checks completed per dataset and region pair.',
    labelNames: PAIR,
    registers,
    collect() {
      this.reset();
      for (const count of divergence()?.counts() ?? []) this.inc({ region_a: count.regionA, region_b: count.regionB, dataset: count.dataset }, count.checks);
    },
  });
  new Counter({
    name: 'regionwatch_divergence_checks_diverged_total',
    help: 'Divergence checks that found at least one divergent entity.',
    labelNames: PAIR,
    registers,
    collect() {
      this.reset();
      for (const count of divergence()?.counts() ?? []) this.inc({ region_a: count.regionA, region_b: count.regionB, dataset: count.dataset }, count.diverged);
    },
  });
  new Gauge({
    name: 'regionwatch_divergence_check_duration_seconds',
    help: 'Duration of the last check of the dataset across all region pairs.',
    labelNames: ['dataset'],
    registers,
    collect() {
      this.reset();
      for (const { dataset, seconds } of divergence()?.checkDurations() ?? []) this.set({ dataset }, seconds);
    },
  });
}
