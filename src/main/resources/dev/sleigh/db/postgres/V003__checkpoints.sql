-- Checkpoints: a commission's workspace as a commit on its base, with the pack of the git
-- objects the base lacks, so any runner of the store can restore the work. Written in the same
-- transaction as the event that names it; a commit is stored once per commission.
CREATE TABLE checkpoints (
  commission_id TEXT NOT NULL REFERENCES commissions(id),
  commit_id     TEXT NOT NULL,
  tree_id       TEXT NOT NULL,
  base_commit   TEXT NOT NULL,
  size          BIGINT NOT NULL,
  pack          BYTEA NOT NULL,
  created_at    BIGINT NOT NULL,
  PRIMARY KEY (commission_id, commit_id)
);
