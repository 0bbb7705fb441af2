import type { Config } from '@/lib/config/schema';
import { PAGES, pageUrl } from '@/lib/links';
import { RUNBOOKS, type RunbookName } from './runbooks';

/** One Prometheus alerting rule, as the rules file holds it. */
export interface AlertRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string; dashboard: string };
}

export interface AlertSpec {
  runbook: RunbookName;
  expr: string;
  for?: string;
  /** Labels of this rule; `severity` defaults to the runbook's. */
  labels?: Record<string, string>;
  summary: string;
  description: string;
  /** The dashboard page to open, a path under `server.external_url` (may hold `{{ $labels.x }}`). */
  dashboard: string;
}

/**
 * An alert that leads somewhere: its runbook and dashboard page under `server.external_url`,
 * and the config's `alerts.labels` for routing (the rule's own labels win on a clash).
 */
export function alertRule(config: Pick<Config, 'server' | 'alerts'>, spec: AlertSpec): AlertRule {
  const runbook = RUNBOOKS[spec.runbook];
  return {
    alert: runbook.alert,
    expr: spec.expr,
    ...(spec.for ? { for: spec.for } : {}),
    labels: { ...config.alerts.labels, severity: runbook.severity, ...spec.labels },
    annotations: {
      summary: spec.summary,
      description: spec.description,
      runbook_url: pageUrl(config, PAGES.runbook(spec.runbook)),
      dashboard: pageUrl(config, spec.dashboard),
    },
  };
}
