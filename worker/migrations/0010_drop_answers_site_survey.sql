-- Every answer paid for an index entry (site_id, survey, id) that one rare query read: whether
-- a survey has answers, asked when a PATCH would change its kind or scale. The daily rollup
-- answers that (surveys.ts, surveyHasAnswers), and every report that filters by survey
-- searches (site_id, kind, ts) first. Dropping it makes each stored answer about 50 bytes
-- smaller and its insert about a tenth cheaper (SCALING.md): the index's keys end in the
-- answer's random id, so each insert wrote to a random page of it.
DROP INDEX IF EXISTS answers_site_survey;
