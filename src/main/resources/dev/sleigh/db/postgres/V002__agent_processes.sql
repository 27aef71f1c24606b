-- Where each run's agent process lives, so a runner taking over an expired lease on the same
-- host can end an agent tree that outlived its runner.
ALTER TABLE runs ADD COLUMN agent_host TEXT;
ALTER TABLE runs ADD COLUMN agent_pid BIGINT;
ALTER TABLE runs ADD COLUMN agent_started_at BIGINT;
