-- Projections: publishing a completed commission's outcome to where the team tracks work. One row
-- per commission whose projection_policy publishes, written in the transaction of the event that
-- made it (completed, projection_failed, projection_published); runners take the rows that are
-- due and try again after projection_retry_at. A final error waits for an operator's retry.
CREATE TABLE projections (
  commission_id       TEXT NOT NULL PRIMARY KEY REFERENCES commissions(id),
  policy              TEXT NOT NULL,
  status              TEXT NOT NULL,
  published           TEXT NOT NULL,
  attempts            INTEGER NOT NULL,
  projection_retry_at BIGINT,
  last_error          TEXT,
  created_at          BIGINT NOT NULL,
  updated_at          BIGINT NOT NULL
);
CREATE INDEX projections_due ON projections (status, projection_retry_at);
