import type { Answer, Display, Event } from '@heard/core';
import { defaultDirection } from '@heard/core';

const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
const json = (value: object | undefined) => (value ? JSON.stringify(value) : null);

/** What one collect request stores. */
export interface Items {
  answers: readonly Answer[];
  events: readonly Event[];
  displays: readonly Display[];
}

/**
 * Stores answers, events and displays in one D1 round trip. Client ids make re-sending a no-op;
 * triggers keep the rollup and milestones in step with the rows actually inserted.
 * A re-sent answer that brings a comment fills in the stored answer's comment.
 */
export async function storeBatch(
  db: D1Database,
  siteId: string,
  { answers, events, displays }: Items,
  now = Date.now(),
): Promise<{ accepted: number; duplicates: number }> {
  const statements: D1PreparedStatement[] = [];
  const insertAnswer = db.prepare(
    `INSERT INTO answers (site_id, id, survey, kind, score, scale_min, scale_max, direction, comment,
       user_id, anonymous_id, traits, props, url, locale, ts, day, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
  );
  const fillComment = db.prepare(`UPDATE answers SET comment = ? WHERE site_id = ? AND id = ? AND comment IS NOT ?`);
  for (const a of answers) {
    statements.push(
      insertAnswer.bind(
        siteId,
        a.id,
        a.survey ?? '',
        a.kind,
        a.score,
        a.scale[0],
        a.scale[1],
        a.direction ?? defaultDirection(a.kind, a.scale),
        a.comment ?? null,
        a.userId ?? null,
        a.anonymousId ?? null,
        json(a.traits),
        json(a.props),
        a.url ?? null,
        a.locale ?? null,
        a.ts,
        day(a.ts),
        now,
      ),
    );
  }
  const insertEvent = db.prepare(
    `INSERT INTO events (site_id, id, name, user_id, anonymous_id, entity, value, props, ts, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
  );
  for (const e of events) {
    statements.push(
      insertEvent.bind(
        siteId,
        e.id,
        e.name,
        e.userId ?? null,
        e.anonymousId ?? null,
        e.entity ?? null,
        e.value ?? null,
        json(e.props),
        e.ts,
        now,
      ),
    );
  }
  const insertDisplay = db.prepare(
    `INSERT INTO displays (site_id, id, survey, kind, action, user_id, anonymous_id, ts, day, received_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
  );
  for (const d of displays) {
    statements.push(
      insertDisplay.bind(
        siteId,
        d.id,
        d.survey ?? '',
        d.kind,
        d.action,
        d.userId ?? null,
        d.anonymousId ?? null,
        d.ts,
        day(d.ts),
        now,
      ),
    );
  }
  for (const a of answers) {
    if (a.comment !== undefined) statements.push(fillComment.bind(a.comment, siteId, a.id, a.comment));
  }
  if (statements.length === 0) return { accepted: 0, duplicates: 0 };
  const results = await db.batch(statements);
  const items = answers.length + events.length + displays.length;
  const accepted = results.slice(0, items).filter((r) => r.results.length > 0).length;
  return { accepted, duplicates: items - accepted };
}
