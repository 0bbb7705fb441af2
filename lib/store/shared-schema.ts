/**
 * The shared event store's schema, one numbered step at a time. A step is applied once, in
 * its own transaction, and recorded in `regionwatch_event_schema`; steps are only ever
 * appended, so every version of regionwatch agrees on what version N means.
 */
export const MIGRATIONS: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'conflicts, failovers, incidents and cursor leases',
    sql: `
      CREATE TABLE regionwatch_event_conflicts (
        id bigserial PRIMARY KEY,
        source_key text NOT NULL UNIQUE,
        origin text NOT NULL,
        detected_at bigint NOT NULL,
        source_region text NOT NULL,
        target_region text NOT NULL,
        entity_type text NOT NULL,
        entity_key text NOT NULL,
        resolution text NOT NULL,
        winner text,
        local_version text NOT NULL,
        remote_version text NOT NULL,
        local_ts double precision,
        remote_ts double precision,
        merged text,
        resolved_at bigint,
        written_by text NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id());
      CREATE INDEX regionwatch_event_conflicts_txid ON regionwatch_event_conflicts (txid, id);
      CREATE TABLE regionwatch_event_failovers (
        id bigserial PRIMARY KEY,
        instance text NOT NULL,
        local_id bigint NOT NULL,
        region text NOT NULL,
        geos jsonb NOT NULL,
        detected_at bigint NOT NULL,
        rerouted_at bigint,
        to_regions jsonb NOT NULL,
        recovered_at bigint,
        failback_at bigint,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (instance, local_id));
      CREATE INDEX regionwatch_event_failovers_txid ON regionwatch_event_failovers (txid, id);
      CREATE TABLE regionwatch_event_incidents (
        id bigserial PRIMARY KEY,
        instance text NOT NULL,
        local_id bigint NOT NULL,
        kind text NOT NULL,
        key text NOT NULL,
        title text NOT NULL,
        regions jsonb NOT NULL,
        opened_at bigint NOT NULL,
        closed_at bigint,
        details jsonb NOT NULL,
        runbook text NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (instance, local_id));
      CREATE INDEX regionwatch_event_incidents_txid ON regionwatch_event_incidents (txid, id);
      CREATE TABLE regionwatch_event_cursors (
        collector text NOT NULL,
        region text NOT NULL,
        position bigint NOT NULL DEFAULT 0,
        owner text NOT NULL,
        lease_until timestamptz NOT NULL,
        PRIMARY KEY (collector, region));`,
  },
  {
    version: 2,
    name: 'the last divergence check of every dataset and region pair',
    sql: `
      CREATE TABLE regionwatch_event_divergence (
        id bigserial PRIMARY KEY,
        dataset text NOT NULL,
        region_a text NOT NULL,
        region_b text NOT NULL,
        checked_at bigint NOT NULL,
        result jsonb NOT NULL,
        written_by text NOT NULL,
        txid xid8 NOT NULL DEFAULT pg_current_xact_id(),
        UNIQUE (dataset, region_a, region_b));
      CREATE INDEX regionwatch_event_divergence_txid ON regionwatch_event_divergence (txid, id);`,
  },
];
