-- Closing the loop: the triage state of a response (a low answer, or one with a comment).
-- Keyed by answer id and never by a foreign key or a trigger on answers: a link's answer is
-- replaced (deleted and stored again under the same id) when the person picks another score,
-- and its response must keep its state. Erasing a user deletes these rows explicitly.
-- No row means the response is open, unassigned and untagged.
CREATE TABLE responses (
  site_id      TEXT NOT NULL,
  answer_id    TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'contacted', 'closed')),
  assignee     TEXT,
  tags         TEXT NOT NULL DEFAULT '[]',
  -- The first time it left open; reopening does not reset it.
  contacted_at INTEGER,
  closed_at    INTEGER,
  updated_at   INTEGER NOT NULL,
  PRIMARY KEY (site_id, answer_id)
) STRICT, WITHOUT ROWID;

-- Who wrote what, when, on a response; oldest first by seq. `seq` counts per site (not a rowid),
-- so a site's notes keep their keys when the site moves to another database (db/move.ts).
CREATE TABLE response_notes (
  site_id    TEXT NOT NULL,
  seq        INTEGER NOT NULL,
  answer_id  TEXT NOT NULL,
  author     TEXT,
  text       TEXT NOT NULL,
  at         INTEGER NOT NULL,
  PRIMARY KEY (site_id, seq)
) STRICT;
CREATE INDEX response_notes_answer ON response_notes(site_id, answer_id, seq);
