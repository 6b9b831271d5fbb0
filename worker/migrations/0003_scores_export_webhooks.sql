-- Export reads every answer of a site oldest first, whatever its kind, paging by (ts, id):
-- this index (with the primary key's id appended, as WITHOUT ROWID indexes do) serves it.
CREATE INDEX answers_site_ts ON answers(site_id, ts);

-- One webhook per site: where low answers (detractors, low CSAT/CES) are sent, signed
-- with HMAC-SHA256 over the body using `secret`.
CREATE TABLE webhooks (
  site_id    TEXT PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
  url        TEXT NOT NULL,
  secret     TEXT NOT NULL,
  created_at INTEGER NOT NULL
) STRICT;

-- Each alert claimed once per (answer, stage): 'answer' when the low score arrives,
-- 'comment' when its comment does (at once or in a later re-send of the same answer id).
CREATE TABLE webhook_deliveries (
  site_id     TEXT NOT NULL,
  answer_id   TEXT NOT NULL,
  stage       TEXT NOT NULL CHECK (stage IN ('answer', 'comment')),
  status      TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts    INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, answer_id, stage)
) STRICT, WITHOUT ROWID;
CREATE INDEX webhook_deliveries_recent ON webhook_deliveries(site_id, created_at);
