-- Link and email surveys. Every answer says where it was given; what was stored before is `web`.
ALTER TABLE answers ADD COLUMN channel TEXT NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'link', 'email'));
