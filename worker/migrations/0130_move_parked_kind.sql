-- A write parked during a move says how it is replayed: `items` through collect's write (collect,
-- batch, the queue consumer), `link` through a link answer's write, where the latest choice
-- replaces the stored answer of the link (POST /s/:token).
ALTER TABLE move_parked ADD COLUMN kind TEXT NOT NULL DEFAULT 'items';
