/** Metric names read back through PromQL as well as exported, so both spell them once. */
export const LAG_METRIC = 'regionwatch_replication_lag_seconds';
export const CONFLICTS_METRIC = 'regionwatch_conflicts_total';
export const PENDING_METRIC = 'regionwatch_conflicts_pending';
