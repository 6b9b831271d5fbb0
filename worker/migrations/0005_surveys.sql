-- Surveys a site configures; the widget reads the active ones and decides when to ask.
-- texts, appearance and targeting are JSON checked by the zod schemas in @heard/core.
CREATE TABLE surveys (
  site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
  id          TEXT NOT NULL,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL CHECK (kind IN ('nps', 'csat', 'ces')),
  scale_min   INTEGER NOT NULL,
  scale_max   INTEGER NOT NULL,
  texts       TEXT NOT NULL,
  appearance  TEXT NOT NULL DEFAULT '{}',
  targeting   TEXT NOT NULL,
  start_at    INTEGER,
  end_at      INTEGER,
  status      TEXT NOT NULL CHECK (status IN ('draft', 'active', 'paused')),
  priority    INTEGER NOT NULL DEFAULT 0,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX surveys_site_status ON surveys(site_id, status);

-- Whether a survey has answers (its scale is then frozen), and a user's answers for fatigue.
CREATE INDEX answers_site_survey ON answers(site_id, survey);
CREATE INDEX answers_site_user ON answers(site_id, user_id, ts);
