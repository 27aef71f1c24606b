-- Live rows: indexes holding only the commissions still in play, so that claims, sweeps and lock
-- checks cost the same however many finished commissions the store keeps. Each index's WHERE is
-- written exactly as the queries that use it spell theirs (store/jdbc: Claims, Sweeper).
CREATE INDEX commissions_claimable ON commissions (priority, created_at, id)
  WHERE state IN ('queued', 'preflighting', 'running');
CREATE INDEX commissions_leased ON commissions (lease_expires_at)
  WHERE lease_id IS NOT NULL;
CREATE INDEX commissions_unended ON commissions (valid_until)
  WHERE state NOT IN ('completed', 'completed_with_projection_debt', 'cancelled', 'expired');
-- Runs of a host that ended lately with an agent (each runner's tick looks for orphans).
CREATE INDEX runs_with_agents ON runs (agent_host, ended_at)
  WHERE agent_pid IS NOT NULL;
-- The latest of one state (status: recent failures) without reading every row of that state; also
-- how lock checks find the commissions holding locks (state = each of three).
CREATE INDEX commissions_recent ON commissions (state, updated_at DESC, id);

-- Counters kept in the transaction of the events and rows they count (store.Counters): status and
-- /metrics read them with one query. A counter lives in several shards (chosen by commission) so
-- that concurrent transactions seldom update one row; its value is their sum. The migration's
-- Java step fills them once from the rows and the event logs.
CREATE TABLE counters (
  name  TEXT NOT NULL,
  label TEXT NOT NULL,
  shard INTEGER NOT NULL,
  value BIGINT NOT NULL,
  PRIMARY KEY (name, label, shard)
);
