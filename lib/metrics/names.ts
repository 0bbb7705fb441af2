/** Metric names read back through PromQL as well as exported, so both spell them once. */
export const LAG_METRIC = 'regionwatch_replication_lag_seconds';
export const LAG_BOUND_METRIC = 'regionwatch_replication_lag_error_bound_seconds';
export const LAST_APPLIED_METRIC = 'regionwatch_heartbeat_last_applied_timestamp_seconds';
export const BACKLOG_METRIC = 'regionwatch_replication_backlog';
export const WRITE_SUCCESS_METRIC = 'regionwatch_heartbeat_write_success';
export const CLOCK_OFFSET_METRIC = 'regionwatch_clock_offset_seconds';
export const COLLECTOR_UP_METRIC = 'regionwatch_collector_up';
export const CONFLICTS_METRIC = 'regionwatch_conflicts_total';
export const PENDING_METRIC = 'regionwatch_conflicts_pending';
export const REGION_UP_METRIC = 'regionwatch_region_up';
export const GTM_ROUTE_METRIC = 'regionwatch_gtm_route';
export const PROBES_METRIC = 'regionwatch_probes_total';
export const PROBE_FAILURES_METRIC = 'regionwatch_probe_failures_total';
export const PROBE_DURATION_METRIC = 'regionwatch_probe_duration_seconds';
