import type { Config } from '@/lib/config/schema';
import { CAUGHT_UP_BACKLOG, STALLED_LAG_GROWTH } from '@/lib/domain/incident';
import { lagThresholdSeconds } from '@/lib/domain/lag-status';
import { PAGES } from '@/lib/links';
import { type AlertRule, alertRule } from './alert';

/*
 * The incidents regionwatch opens (lib/domain/incident), asked of Prometheus with the same
 * thresholds, so a page arrives for what the failovers page shows. Each reads only the
 * exported metrics (docs/metrics.md). A region without a health probe has no region_up and
 * counts as up, as it does for the collectors: hence `unless … == 0`, never `and … == 1`.
 */

/** `region_up == 0`, relabelled so it matches the pairs whose `label` is that region. */
const down = (label: 'source_region' | 'target_region') => `label_replace(regionwatch_region_up == 0, "${label}", "$1", "region", "(.+)")`;
const bothUp = `unless on (source_region) ${down('source_region')} unless on (target_region) ${down('target_region')}`;

/** Pair pages, templated per alert (region names need no escaping: they are `[a-z0-9-]+`). */
const PAIR_PAGE = '/pairs/{{ $labels.source_region }}/{{ $labels.target_region }}';

/** Alerts for the four incident kinds: isolation, backlog, split brain and stale reads. */
export function incidentAlerts(config: Pick<Config, 'server' | 'alerts' | 'slos'>): AlertRule[] {
  const threshold = lagThresholdSeconds(config.slos);
  const overThreshold = `regionwatch_replication_lag_seconds > ${threshold}`;
  return [
    alertRule(config, {
      runbook: 'replication-isolated',
      expr: `(${overThreshold}) and (deriv(regionwatch_replication_lag_seconds[1m]) >= ${STALLED_LAG_GROWTH}) ${bothUp}`,
      for: '1m',
      summary: 'Replication {{ $labels.source_region }} → {{ $labels.target_region }} has stalled between two healthy regions',
      description: `Lag is {{ $value | humanizeDuration }} and still growing although both regions answer their health checks (threshold ${threshold} s).`,
      dashboard: PAIR_PAGE,
    }),
    alertRule(config, {
      runbook: 'replication-backlog',
      expr: `(regionwatch_replication_backlog > ${CAUGHT_UP_BACKLOG}) and on (source_region, target_region) (${overThreshold}) ${bothUp}`,
      for: '2m',
      summary: 'Replication {{ $labels.source_region }} → {{ $labels.target_region }} is {{ $value }} heartbeats behind',
      description: `For 2 minutes lag has stayed over ${threshold} s with a backlog of unapplied heartbeats while both regions are up: replication moves, but is not catching up.`,
      dashboard: PAIR_PAGE,
    }),
    alertRule(config, {
      runbook: 'split-brain',
      expr: 'count by (geo) (max by (geo, region) (regionwatch_gtm_route == 1)) > 1',
      for: '2m',
      labels: { split: 'routing' },
      summary: 'Geo {{ $labels.geo }} is sent to {{ $value }} regions at once',
      description: 'The traffic manager has answered the geo with more than one region for 2 minutes: longer than DNS convergence should take.',
      dashboard: PAGES.failovers,
    }),
    alertRule(config, {
      runbook: 'split-brain',
      expr: 'sum by (domain, home_region, write_region) (increase(regionwatch_ownership_violations_total[5m])) > 0',
      labels: { split: 'writes' },
      summary: 'Domain {{ $labels.domain }} is written in {{ $labels.write_region }}, outside its home {{ $labels.home_region }}',
      description: '{{ $value | humanize }} writes in the last 5 minutes landed outside the home region of a domain that is not active-active.',
      dashboard: PAGES.failovers,
    }),
    alertRule(config, {
      runbook: 'stale-reads',
      expr: `max by (target_region) ((${overThreshold}) unless on (source_region) ${down('source_region')}) and on (target_region) label_replace(max by (region) (regionwatch_gtm_route), "target_region", "$1", "region", "(.+)") unless on (target_region) ${down('target_region')}`,
      for: '1m',
      summary: 'Clients reading in {{ $labels.target_region }} see data {{ $value | humanizeDuration }} old',
      description: `Lag into the region is over ${threshold} s while the traffic manager still routes clients there.`,
      dashboard: PAGES.overview,
    }),
  ];
}

/** Alerts on regionwatch itself: a failing collector, and figures missing from Prometheus altogether. */
export function healthAlerts(config: Pick<Config, 'server' | 'alerts'>): AlertRule[] {
  const absent = (metric: string, meaning: string) =>
    alertRule(config, {
      runbook: 'metrics-absent',
      expr: `absent(${metric})`,
      for: '10m',
      labels: { metric },
      summary: `Prometheus has no ${metric} series`,
      description: `${meaning} for 10 minutes; every regionwatch alert that reads it is blind.`,
      dashboard: PAGES.overview,
    });
  return [
    alertRule(config, {
      runbook: 'collector-down',
      expr: 'regionwatch_collector_up == 0',
      for: '5m',
      summary: 'The {{ $labels.collector }} collector fails in {{ $labels.region }}',
      description: 'Every run for 5 minutes has failed; the figures it feeds for the region are stale. The log names the error.',
      dashboard: PAGES.overview,
    }),
    absent('regionwatch_collector_up', 'regionwatch has not been scraped'),
    absent('regionwatch_replication_lag_seconds', 'regionwatch is scraped but has measured no replication lag'),
  ];
}
