-- A site's move in steps (POST /v1/sites/:id/move/start, worker/src/db/move.ts): one row per site,
-- in the primary, holding where the move is so that each step (a queue message or a caller's
-- POST …/move/step) copies, checks or deletes a bounded number of rows and a crashed step is
-- simply run again. `phase`: clear (an earlier try's rows leave the target), copy, verify,
-- replay (switched; parked writes go in), delete (the old rows go), done; or rollback then
-- failed. `position` is the table index of the phase, `cursor` the key of the last row done
-- there (JSON), `step` counts steps (a queue message runs only the step it names), and a step
-- holds `lease_until` while it runs so two never run at once.
CREATE TABLE site_moves (
  site_id       TEXT PRIMARY KEY,
  from_db       TEXT NOT NULL,
  to_db         TEXT NOT NULL,
  phase         TEXT NOT NULL,
  rows_per_step INTEGER NOT NULL,
  position      INTEGER NOT NULL DEFAULT 0,
  cursor        TEXT,
  copied        TEXT NOT NULL DEFAULT '{}',
  checked       TEXT NOT NULL DEFAULT '[]',
  replayed      INTEGER NOT NULL DEFAULT 0,
  deleted       INTEGER NOT NULL DEFAULT 0,
  step          INTEGER NOT NULL DEFAULT 0,
  lease_until   INTEGER,
  started_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL,
  finished_at   INTEGER,
  message       TEXT
) STRICT;
