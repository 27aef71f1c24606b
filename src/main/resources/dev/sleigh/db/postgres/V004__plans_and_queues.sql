-- Queues: each commission belongs to one (its spec's queue, 'default' unless it names one), and a
-- runner may claim from one queue only; the index serves that claim as commissions_by_state
-- serves the claim of every queue.
ALTER TABLE commissions ADD COLUMN queue TEXT NOT NULL DEFAULT 'default';
CREATE INDEX commissions_by_queue ON commissions (queue, state, priority, created_at);

-- Plans: the revision applied last, every revision ever applied (a revision is applied once),
-- and the commission that carries out each entry of the plan now.
CREATE TABLE plans (
  id         TEXT PRIMARY KEY,
  revision   TEXT NOT NULL,
  hash       TEXT NOT NULL,
  source     TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE plan_revisions (
  plan_id    TEXT NOT NULL REFERENCES plans(id),
  revision   TEXT NOT NULL,
  hash       TEXT NOT NULL,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (plan_id, revision)
);

CREATE TABLE plan_entries (
  plan_id       TEXT NOT NULL REFERENCES plans(id),
  entry         TEXT NOT NULL,
  position      INTEGER NOT NULL,
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  PRIMARY KEY (plan_id, entry)
);
CREATE INDEX plan_entries_by_commission ON plan_entries (commission_id);
