-- The WorkCommission store: commissions (the row), events (append-only), commands (idempotency),
-- runs, runners, evidence, decisions. Times are epoch milliseconds.
CREATE TABLE decisions (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  status        TEXT NOT NULL,
  superseded_by TEXT,
  created_at    BIGINT NOT NULL,
  updated_at    BIGINT NOT NULL
);

CREATE TABLE decision_revisions (
  decision_id TEXT NOT NULL REFERENCES decisions(id),
  number      BIGINT NOT NULL,
  hash        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  BIGINT NOT NULL,
  PRIMARY KEY (decision_id, number)
);

CREATE TABLE commissions (
  id               TEXT PRIMARY KEY,
  spec             TEXT NOT NULL,
  snapshot_hash    TEXT NOT NULL,
  state            TEXT NOT NULL,
  generation       BIGINT NOT NULL,
  lease_id         TEXT,
  lease_runner     TEXT,
  lease_epoch      BIGINT NOT NULL,
  lease_expires_at BIGINT,
  retry_at         BIGINT,
  reason           TEXT,
  phase            TEXT,
  attempt          BIGINT NOT NULL,
  priority         BIGINT NOT NULL,
  valid_until      BIGINT NOT NULL,
  created_at       BIGINT NOT NULL,
  updated_at       BIGINT NOT NULL,
  last_seq         BIGINT NOT NULL
);
CREATE INDEX commissions_by_state ON commissions (state, priority, created_at);

CREATE TABLE commission_locks (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  lock_name     TEXT NOT NULL,
  PRIMARY KEY (commission_id, lock_name)
);
CREATE INDEX commission_locks_by_name ON commission_locks (lock_name);

CREATE TABLE commission_deps (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  depends_on    TEXT NOT NULL,
  PRIMARY KEY (commission_id, depends_on)
);

CREATE TABLE events (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  seq           BIGINT NOT NULL,
  generation    BIGINT NOT NULL,
  type          TEXT NOT NULL,
  phase         TEXT,
  attempt       BIGINT NOT NULL,
  epoch         BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  command_id    TEXT,
  data          TEXT NOT NULL,
  PRIMARY KEY (commission_id, seq)
);


CREATE TABLE commands (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  command_id    TEXT NOT NULL,
  kind          TEXT NOT NULL,
  first_seq     BIGINT NOT NULL,
  last_seq      BIGINT NOT NULL,
  at            BIGINT NOT NULL,
  PRIMARY KEY (commission_id, command_id)
);

CREATE TABLE runs (
  run_id        TEXT PRIMARY KEY,
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  runner_id     TEXT NOT NULL,
  epoch         BIGINT NOT NULL,
  generation    BIGINT NOT NULL,
  started_at    BIGINT NOT NULL,
  ended_at      BIGINT,
  outcome       TEXT
);
CREATE INDEX runs_by_commission ON runs (commission_id, started_at);

CREATE TABLE runners (
  runner_id    TEXT PRIMARY KEY,
  host         TEXT NOT NULL,
  pid          BIGINT NOT NULL,
  started_at   BIGINT NOT NULL,
  heartbeat_at BIGINT NOT NULL,
  stopped_at   BIGINT
);

CREATE TABLE evidence (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  seq           BIGINT NOT NULL,
  generation    BIGINT NOT NULL,
  phase         TEXT,
  name          TEXT NOT NULL,
  data          TEXT NOT NULL,
  at            BIGINT NOT NULL,
  PRIMARY KEY (commission_id, seq)
);

CREATE FUNCTION sleigh_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END;
$fn$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
FOR EACH ROW EXECUTE FUNCTION sleigh_events_append_only();
