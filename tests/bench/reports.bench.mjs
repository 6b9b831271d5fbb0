// The customer-success reports and event ingest as data grows, on workerd (Miniflare, D1 on
// tmpfs). 10k and 100k users are ingested for real through POST /v1/collect, as the widget
// sends events. The 1M-user site gets its first occurrences (milestones) inserted with SQL
// straight into D1, where the same triggers as ingest build the time-to-value rollup (ttv_days,
// and from it the 64-bin ttv_cells the report reads); its
// resolution-time rollup rows are generated directly (see bulkTicketRollup). Real ingest of
// 1M users would take this machine well over ten minutes. Event ingest is timed with the same
// probes when D1 holds ~10k events and when it holds 1M (the rest bulk-inserted with SQL
// through the same triggers): events stamped as they happen (live traffic, the goal's figure),
// then the same events replaying 180 days (a backfill, reported). Its users' profiles (first and last activity, the account trait:
// five users an account, as in real ingest) and one churn event in twenty are inserted the same
// way (see bulkProfiles), so the triggers of migration 0110 build the retention rollup as
// ingest would, and those of migrations 0150, 0151 and 0154 the health rollup (health_users →
// health_accounts → health_cells; the open tickets' start events → health_tickets → their
// accounts' ticket counts). Reports: median of 5 after one warm-up.
import { join } from 'node:path';
import { bundle, bundleDir, createSite, ORIGIN, startWorker } from './workerd.mjs';

const DAY = 86_400_000;
const RUNS = 5;

/** Deterministic pseudo-random numbers, so every run loads the same data. */
function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Sign-ups over the last 180 days with an account and plan trait; 70 % activate after a
 * log-uniform delay (1 s … 14 days); one user in five opens a ticket, 70 % of those resolved.
 */
function* userEvents(count, prefix, rand) {
  const now = Date.now();
  for (let i = 0; i < count; i += 1) {
    const userId = `${prefix}-${i}`;
    const start = now - Math.floor(rand() * 180 * DAY) - DAY;
    const id = () => crypto.randomUUID();
    const props = { plan: rand() < 0.3 ? 'pro' : 'free', account: `${prefix}-acct-${i % Math.ceil(count / 5)}` };
    yield { id: id(), name: 'identify', userId, props, ts: start };
    yield { id: id(), name: 'signed_up', userId, ts: start };
    if (rand() < 0.7) {
      const wait = Math.min(Math.exp(rand() * 14) * 1000, now - start - 1);
      yield { id: id(), name: 'activated', userId, ts: start + Math.floor(wait) };
    }
    if (rand() < 0.2) {
      const opened = start + Math.floor(rand() * (now - start - 1));
      yield { id: id(), name: 'ticket_opened', userId, entity: `${prefix}-t${i}`, ts: opened };
      if (rand() < 0.7) {
        const resolved = Math.min(opened + Math.floor(Math.exp(rand() * 13) * 1000), now - 1);
        yield { id: id(), name: 'ticket_resolved', userId, entity: `${prefix}-t${i}`, ts: resolved };
      }
    }
  }
}

/**
 * The same events stamped as they happen, as the widget and SDK send them: in their order, one
 * millisecond apart, ending now (the history probe replays 180 days instead).
 */
function stampedNow(events) {
  const sorted = [...events].sort((a, b) => a.ts - b.ts);
  const start = Date.now() - sorted.length;
  return sorted.map((event, i) => ({ ...event, ts: start + i }));
}

/** Sends events through /v1/collect in batches of 500 at 4 connections; returns events/s. */
async function load(url, publicKey, events, concurrency = 4) {
  const batches = [];
  let batch = [];
  for (const event of events) {
    batch.push(event);
    if (batch.length === 500) {
      batches.push(batch);
      batch = [];
    }
  }
  if (batch.length) batches.push(batch);
  let next = 0;
  let sent = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < batches.length) {
      const body = JSON.stringify({ site: publicKey, events: batches[next++] });
      const response = await fetch(`${url}/v1/collect`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/plain;charset=UTF-8', Origin: ORIGIN },
        body,
      });
      const result = await response.json();
      if (response.status !== 200 || result.rejected.length) throw new Error(`collect: ${JSON.stringify(result)}`);
      sent += result.accepted;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent, perSecond: sent / ((performance.now() - started) / 1000) };
}

async function timeReport(url, secretKey, path) {
  const times = [];
  let body;
  for (let i = 0; i <= RUNS; i += 1) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${secretKey}` } });
    body = await response.json();
    if (i > 0) times.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(RUNS / 2)], body };
}

const REPORTS = { ttv: '/v1/ttv', durations: '/v1/durations', retention: '/v1/retention', health: '/v1/health' };

/**
 * Inserts `count` first occurrences of sign-up, and of activation for 70 %, with SQL. In chunks
 * of 5,000: each activation runs the rollup triggers, and a 20,000-row statement on a loaded
 * machine outlasted the D1 proxy's connection (the run failed with "other side closed").
 */
async function bulkMilestones(db, siteId, count, now) {
  const chunk = 5_000;
  const oneSecond = await db
    .prepare('SELECT bin FROM time_bins WHERE lo <= 1000 ORDER BY lo DESC LIMIT 1')
    .first('bin');
  const fourteenDays = await db
    .prepare('SELECT bin FROM time_bins WHERE lo <= ? ORDER BY lo DESC LIMIT 1')
    .bind(14 * DAY)
    .first('bin');
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    await db
      .prepare(
        `WITH RECURSIVE u(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM u WHERE i < ?3)
         INSERT INTO milestones (site_id, user_key, name, ts)
         SELECT ?1, 'm-' || i, 'signed_up', ?4 - ${DAY} - (i * 2654435761) % ${180 * DAY} FROM u`,
      )
      .bind(siteId, from, to, now)
      .run();
    // A log-uniform time to value: a bin between 1 s and 14 days drawn from the user's number,
    // its lower edge as the delay; 7 users in 10.
    await db
      .prepare(
        `INSERT INTO milestones (site_id, user_key, name, ts)
         SELECT s.site_id, s.user_key, 'activated', s.ts + (SELECT lo FROM time_bins
           WHERE bin = ?4 + (CAST(substr(s.user_key, 3) AS INTEGER) * 40503) % ?5)
         FROM milestones s WHERE s.site_id = ?1 AND s.name = 'signed_up'
           AND CAST(substr(s.user_key, 3) AS INTEGER) BETWEEN ?2 AND ?3
           AND (CAST(substr(s.user_key, 3) AS INTEGER) * 7) % 10 < 7`,
      )
      .bind(siteId, from, to, oneSecond, fourteenDays - oneSecond)
      .run();
  }
}

/**
 * The resolution-time rollup of `users` users' tickets (one user in five opens a ticket over
 * the last 180 days, 70 % resolved after a log-uniform delay of about 1 s … 6 hours): the
 * resolved ones' cells generated straight into `duration_days` (140k ticket events through the
 * events trigger would take this machine over ten minutes). The open ones' start events (60k)
 * go in with SQL through the events triggers, as ingest stores them (bulkOpenTickets), so the
 * open backlog (`duration_open`) and each open ticket's entity and starter are there for the
 * durations and health reports to read.
 */
async function bulkTicketRollup(db, siteId, users, now) {
  const tickets = `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 5 FROM u WHERE i + 5 < ?2)
    SELECT i, CAST(?3 AS INTEGER) - ${DAY} - (i * 2654435761) % ${180 * DAY} AS opened, ((i / 5) * 7) % 10 < 7 AS resolved FROM u`;
  await db
    .prepare(
      `INSERT INTO duration_days (site_id, start_name, end_name, day, bin, n)
       SELECT ?1, 'ticket_opened', 'ticket_resolved', opened / ${DAY}, 349 + (i * 40503) % 500, count(*)
       FROM (${tickets}) WHERE resolved GROUP BY 4, 5`,
    )
    .bind(siteId, users, now)
    .run();
}

/** The open tickets of {@link bulkTicketRollup}'s users, as start events (after their profiles, so each starter has an account). */
async function bulkOpenTickets(db, siteId, users, now) {
  const tickets = `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 5 FROM u WHERE i + 5 < ?2)
    SELECT i, CAST(?3 AS INTEGER) - ${DAY} - (i * 2654435761) % ${180 * DAY} AS opened, ((i / 5) * 7) % 10 < 7 AS resolved FROM u`;
  const chunk = 25_000;
  for (let from = 0; from < users; from += chunk) {
    await db
      .prepare(
        `INSERT INTO events (site_id, id, name, user_id, entity, ts, received_at)
         SELECT ?1, 'open-' || i, 'ticket_opened', 'm-' || i, 'm-t' || i, opened, ?3
         FROM (${tickets}) WHERE NOT resolved AND i >= ?4 AND i < ?5`,
      )
      .bind(siteId, users, now, from, from + chunk)
      .run();
  }
}

/**
 * `count` identified users' profiles with SQL, through the profile triggers (the retention
 * rollup of 0110): first active over the last 180 days, last active between then and now, the
 * account trait shared by five users; one in twenty has a first `churned` event after their
 * first activity (a milestone, as the events trigger stores it).
 */
async function bulkProfiles(db, siteId, count, now) {
  const chunk = 10_000;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    await db
      .prepare(
        `WITH RECURSIVE u(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM u WHERE i < ?3),
           t(i, first) AS (SELECT i, ?4 - ${DAY} - (i * 2654435761) % ${180 * DAY} FROM u)
         INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
         SELECT ?1, 'm-' || i, first, first + (i * 40503) % (?4 - first), json_object('account', 'm-acct-' || (i % ?5)), first FROM t`,
      )
      .bind(siteId, from, to, now, Math.ceil(count / 5))
      .run();
    await db
      .prepare(
        `WITH RECURSIVE u(i) AS (SELECT CAST(?2 AS INTEGER) UNION ALL SELECT i + 1 FROM u WHERE i < ?3),
           t(i, first) AS (SELECT i, ?4 - ${DAY} - (i * 2654435761) % ${180 * DAY} FROM u WHERE (i * 7919) % 20 = 0)
         INSERT INTO milestones (site_id, user_key, name, ts)
         SELECT ?1, 'm-' || i, 'churned', first + ((i * 40503) % (?4 - first)) / 2 FROM t`,
      )
      .bind(siteId, from, to, now)
      .run();
  }
}

/**
 * Fills the events table up to `total` rows with SQL, through the insert triggers, 5,000 rows a
 * statement: at 20,000 one statement outlasted the local D1 proxy on a loaded machine ("other
 * side closed" near 800k events).
 */
async function bulkEvents(db, siteId, total, now) {
  const chunk = 5_000;
  let stored = await db.prepare('SELECT count(*) AS n FROM events').first('n');
  let round = 0;
  while (stored < total) {
    const n = Math.min(chunk, total - stored);
    await db
      .prepare(
        `WITH RECURSIVE u(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM u WHERE i < ?2 - 1)
         INSERT INTO events (site_id, id, name, user_id, ts, received_at)
         SELECT ?1, 'bulk-' || ?3 || '-' || i, CASE i % 4 WHEN 0 THEN 'signed_up' WHEN 1 THEN 'activated' ELSE 'page_viewed' END,
                'bulk-' || ?3 || '-' || (i / 4), ?4 - (i * 2654435761) % ${180 * DAY}, ?4 FROM u`,
      )
      .bind(siteId, n, round, now)
      .run();
    stored += n;
    round += 1;
  }
  return db.prepare('SELECT count(*) AS n FROM events').first('n');
}

/** @param {{ log: (line: string) => void, root: string }} ctx */
export default async function reports({ root, log }) {
  const out = await bundleDir();
  const worker = await startWorker({
    root,
    scriptPath: await bundle(root, 'worker/src/index.ts', join(out, 'collector.mjs')),
  });
  const { url, db } = worker;
  const rows = [];
  const figures = {};
  try {
    // Event ingest with 10k events stored.
    const ingest = await createSite(url);
    await load(url, ingest.publicKey, [...userEvents(3_700, 'warm', random(7))]);
    const storedBefore = await db.prepare('SELECT count(*) AS n FROM events').first('n');
    const probe = (tag) => [...userEvents(7_400, tag, random(11))];
    const live = (tag) => stampedNow(probe(tag));
    const liveSmall = await load(url, ingest.publicKey, live('live-a'));
    log(`live ingest with ${storedBefore} events stored: ${Math.round(liveSmall.perSecond)} events/s`);
    const historyBefore = await db.prepare('SELECT count(*) AS n FROM events').first('n');
    const atSmall = await load(url, ingest.publicKey, probe('probe-a'));
    log(`history ingest with ${historyBefore} events stored: ${Math.round(atSmall.perSecond)} events/s`);

    for (const users of [10_000, 100_000]) {
      const site = await createSite(url);
      // A dashboard has asked for the report before: its rollup is kept by ingest from the start.
      await timeReport(url, site.secretKey, REPORTS.ttv);
      await timeReport(url, site.secretKey, REPORTS.retention);
      await timeReport(url, site.secretKey, REPORTS.health);
      const loaded = await load(url, site.publicKey, userEvents(users, `u${users}`, random(users)));
      log(`${users} users: ${loaded.sent} events in at ${Math.round(loaded.perSecond)} events/s`);
      figures[users] = {};
      for (const [name, path] of Object.entries(REPORTS)) {
        const { ms, body } = await timeReport(url, site.secretKey, path);
        figures[users][name] = ms;
        log(`${users} users: ${name} ${ms.toFixed(1)} ms${body.exact === undefined ? '' : ` (exact: ${body.exact})`}`);
      }
    }

    // 1M users: first occurrences inserted with SQL (rollup by the triggers), ticket rollup generated.
    const million = await createSite(url);
    await timeReport(url, million.secretKey, REPORTS.ttv);
    await timeReport(url, million.secretKey, REPORTS.durations);
    await timeReport(url, million.secretKey, REPORTS.health);
    const bulkStart = performance.now();
    await bulkMilestones(db, million.id, 1_000_000, Date.now());
    await bulkTicketRollup(db, million.id, 1_000_000, Date.now());
    log(
      `1M users: milestones inserted (and the ticket rollup generated) in ${((performance.now() - bulkStart) / 1000).toFixed(0)} s`,
    );
    const cells = await db
      .prepare(
        `SELECT (SELECT count(*) FROM ttv_days WHERE site_id = ?1) AS ttvDays,
                (SELECT count(*) FROM ttv_cells WHERE site_id = ?1) AS ttvCells,
                (SELECT count(*) FROM ttv_waiting WHERE site_id = ?1) AS ttvHours,
                (SELECT count(*) FROM duration_days WHERE site_id = ?1) AS durationDays`,
      )
      .bind(million.id)
      .first();
    figures[1_000_000] = {};
    const ttvAt1M = await timeReport(url, million.secretKey, REPORTS.ttv);
    figures[1_000_000].ttv = ttvAt1M.ms;
    log(`1M users: ttv ${ttvAt1M.ms.toFixed(1)} ms, exact: ${ttvAt1M.body.exact}; subjects ${ttvAt1M.body.started}`);
    log(`1M users: rollup rows ${JSON.stringify(cells)}`);

    // 1M users' profiles and churn events by SQL, the retention rollup kept by the triggers.
    await timeReport(url, million.secretKey, REPORTS.retention);
    const profilesStart = performance.now();
    await bulkProfiles(db, million.id, 1_000_000, Date.now());
    await bulkOpenTickets(db, million.id, 1_000_000, Date.now());
    const retentionCells = await db
      .prepare(
        `SELECT (SELECT count(*) FROM retention_cells WHERE site_id = ?1) AS cells,
                (SELECT sum(n) FROM retention_cells WHERE site_id = ?1) AS accounts,
                (SELECT count(*) FROM health_cells WHERE site_id = ?1) AS healthCells,
                (SELECT sum(n) FROM health_cells WHERE site_id = ?1) AS healthAccounts`,
      )
      .bind(million.id)
      .first();
    log(
      `1M users: profiles and open tickets inserted in ${((performance.now() - profilesStart) / 1000).toFixed(0)} s; retention and health rollups ${JSON.stringify(retentionCells)}`,
    );
    for (const name of ['durations', 'retention', 'health']) {
      try {
        const { ms, body } = await timeReport(url, million.secretKey, REPORTS[name]);
        figures[1_000_000][name] = ms;
        const what = {
          durations: () => `exact: ${body.exact}; subjects ${body.n + body.open}`,
          retention: () => `periods ${body.periods.length}`,
          health: () => `accounts ${body.total}, open tickets ${body.openTickets}`,
        }[name]();
        log(`1M users: ${name} ${ms.toFixed(1)} ms; ${what}`);
      } catch (error) {
        log(`1M users: ${name} failed: ${error.message.slice(0, 200)}`);
      }
    }

    // Logged only (the figure is the first timing): time to value at 1M again, minutes after
    // its million milestones were written, to tell the read itself from the write burst before it.
    const ttvLater = await timeReport(url, million.secretKey, REPORTS.ttv);
    log(`1M users: ttv again after the other reports ${ttvLater.ms.toFixed(1)} ms`);

    // Event ingest again with 1M events stored.
    const storedAfter = await bulkEvents(db, ingest.id, 1_000_000, Date.now());
    const liveLarge = await load(url, ingest.publicKey, live('live-b'));
    log(`live ingest with ${storedAfter} events stored: ${Math.round(liveLarge.perSecond)} events/s`);
    const historyAfter = await db.prepare('SELECT count(*) AS n FROM events').first('n');
    const atLarge = await load(url, ingest.publicKey, probe('probe-b'));
    log(`history ingest with ${historyAfter} events stored: ${Math.round(atLarge.perSecond)} events/s`);

    for (const name of Object.keys(REPORTS)) {
      for (const users of [10_000, 100_000, 1_000_000]) {
        const ms = figures[users]?.[name];
        if (ms === undefined) continue;
        const label = users === 10_000 ? '10k' : users === 100_000 ? '100k' : '1M';
        rows.push({
          name: `${name} report, ${label} users${users === 1_000_000 ? ' (rows by SQL)' : ''}`,
          value: Math.round(ms * 10) / 10,
          unit: 'ms',
          ...(users > 10_000 ? { baseline: { name: `${name}, 10k users`, value: figures[10_000][name] } } : {}),
          ...(users === 1_000_000 ? { goal: '≤ 1.5×', met: ms <= 1.5 * figures[10_000][name] } : {}),
          ...(users === 100_000 && figures[1_000_000]?.[name] === undefined
            ? { goal: '≤ 1.5× (1M not run: reads per user)', met: ms <= 1.5 * figures[10_000][name] }
            : {}),
        });
      }
    }
    rows.push({
      name: `event ingest (live), ${storedBefore} events stored`,
      value: Math.round(liveSmall.perSecond),
      unit: 'events/s',
    });
    rows.push({
      name: `event ingest (live), ${storedAfter} events stored`,
      value: Math.round(liveLarge.perSecond),
      unit: 'events/s',
      baseline: { name: `${storedBefore} events stored`, value: Math.round(liveSmall.perSecond) },
      goal: '≥ 0.8×',
      met: liveLarge.perSecond >= 0.8 * liveSmall.perSecond,
    });
    rows.push({
      name: `event ingest (history replay), ${historyBefore} events stored`,
      value: Math.round(atSmall.perSecond),
      unit: 'events/s',
    });
    rows.push({
      name: `event ingest (history replay), ${historyAfter} events stored`,
      value: Math.round(atLarge.perSecond),
      unit: 'events/s',
      baseline: { name: `${historyBefore} events stored`, value: Math.round(atSmall.perSecond) },
      goal: 'reported (a backfill: 180 days of timestamps at random places in every time index)',
    });
    return rows;
  } finally {
    await worker.stop();
  }
}
