import { Gauge, type Registry } from 'prom-client';
import type { SloSignal } from '@/lib/signals/slo';

/** SLO budget and burn metrics, read at scrape time from the SLO signal's last computed statuses. */
export function registerSloMetrics(registers: Registry[], signal: () => SloSignal | null): void {
  const statuses = () => (signal()?.snapshot().slos ?? []).map(({ slo, status }) => ({ slo: slo.name, status }));
  new Gauge({
    name: 'regionwatch_slo_error_budget_remaining_ratio',
    help: "Share of the SLO window's error budget not yet spent (1 = untouched, negative = overspent).",
    labelNames: ['slo'],
    registers,
    collect() {
      this.reset();
      for (const { slo, status } of statuses()) this.set({ slo }, status.budgetRemaining);
    },
  });
  new Gauge({
    name: 'regionwatch_slo_burn_rate',
    help: 'Error budget burn rate over the window (1 spends the whole budget in exactly the SLO window).',
    labelNames: ['slo', 'window'],
    registers,
    collect() {
      this.reset();
      for (const { slo, status } of statuses()) {
        for (const [window, rate] of Object.entries(status.burnRates)) if (rate !== null) this.set({ slo, window }, rate);
      }
    },
  });
}
