import type { Config } from '@/lib/config/schema';

/** The Grafana dashboard for Grafana's Prometheus data source (issue 12: being built). */
export function grafanaDashboard(_config: Config): object {
  throw new Error('the Grafana dashboard is not available in this build yet');
}
