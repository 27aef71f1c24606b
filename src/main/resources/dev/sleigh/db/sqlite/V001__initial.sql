-- The WorkCommission store: commissions (the row), events (append-only), commands (idempotency),
-- runs, runners, evidence, decisions. Times are epoch milliseconds.
CREATE TABLE decisions (
  id            TEXT PRIMARY KEY,
  title         TEXT NOT NULL,
  status        TEXT NOT NULL,
  superseded_by TEXT,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE TABLE decision_revisions (
  decision_id TEXT NOT NULL REFERENCES decisions(id),
  number      INTEGER NOT NULL,
  hash        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  body        TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (decision_id, number)
);

CREATE TABLE commissions (
  id               TEXT PRIMARY KEY,
  spec             TEXT NOT NULL,
  snapshot_hash    TEXT NOT NULL,
  state            TEXT NOT NULL,
  generation       INTEGER NOT NULL,
  lease_id         TEXT,
  lease_runner     TEXT,
  lease_epoch      INTEGER NOT NULL,
  lease_expires_at INTEGER,
  retry_at         INTEGER,
  reason           TEXT,
  phase            TEXT,
  attempt          INTEGER NOT NULL,
  priority         INTEGER NOT NULL,
  valid_until      INTEGER NOT NULL,
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL,
  last_seq         INTEGER NOT NULL
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
  seq           INTEGER NOT NULL,
  generation    INTEGER NOT NULL,
  type          TEXT NOT NULL,
  phase         TEXT,
  attempt       INTEGER NOT NULL,
  epoch         INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  command_id    TEXT,
  data          TEXT NOT NULL,
  PRIMARY KEY (commission_id, seq)
);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

CREATE TABLE commands (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  command_id    TEXT NOT NULL,
  kind          TEXT NOT NULL,
  first_seq     INTEGER NOT NULL,
  last_seq      INTEGER NOT NULL,
  at            INTEGER NOT NULL,
  PRIMARY KEY (commission_id, command_id)
);

CREATE TABLE runs (
  run_id        TEXT PRIMARY KEY,
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  runner_id     TEXT NOT NULL,
  epoch         INTEGER NOT NULL,
  generation    INTEGER NOT NULL,
  started_at    INTEGER NOT NULL,
  ended_at      INTEGER,
  outcome       TEXT
);
CREATE INDEX runs_by_commission ON runs (commission_id, started_at);

CREATE TABLE runners (
  runner_id    TEXT PRIMARY KEY,
  host         TEXT NOT NULL,
  pid          INTEGER NOT NULL,
  started_at   INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  stopped_at   INTEGER
);

CREATE TABLE evidence (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  seq           INTEGER NOT NULL,
  generation    INTEGER NOT NULL,
  phase         TEXT,
  name          TEXT NOT NULL,
  data          TEXT NOT NULL,
  at            INTEGER NOT NULL,
  PRIMARY KEY (commission_id, seq)
);
