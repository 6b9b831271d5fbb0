// GET /v1/health from the health cells (migrations 0150–0151) against the per-user read
// (exact=true), on workerd (Miniflare, D1 on tmpfs), at 10k and 100k identified users: five users
// an account, first occurrences of sign-up for all and activation for 7 in 10, a latest NPS answer
// for one user in four. Rows go in with SQL straight into D1, through the same triggers as ingest
// (the site asked for the report first, so the rollup is kept from the start); a second site gets
// the same rows before its first report, which then builds the rollup once. The narrow
// counterpart of the health rows of reports.bench.mjs, whose 1M set-up takes ~8 minutes.
// Reports: median of 5 after one warm-up.
import { join } from 'node:path';
import { bundle, bundleDir, createSite, startWorker } from './workerd.mjs';

const DAY = 86_400_000;
const RUNS = 5;

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

/** `count` users' profiles, first occurrences and latest answers with SQL, in chunks, through the triggers. */
async function bulkUsers(db, siteId, count, now) {
  const chunk = 10_000;
  const users = `WITH RECURSIVE u(i) AS (SELECT ?2 UNION ALL SELECT i + 1 FROM u WHERE i < ?3),
    t(i, first) AS (SELECT i, ?4 - ${DAY} - (i * 2654435761) % ${180 * DAY} FROM u)`;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    await db.batch([
      db
        .prepare(
          `${users} INSERT INTO user_profiles (site_id, user_key, first_ts, last_ts, traits, traits_ts)
           SELECT ?1, 'm-' || i, first, first + (i * 40503) % (?4 - first), json_object('account', 'm-acct-' || (i % ?5)), first FROM t`,
        )
        .bind(siteId, from, to, now, Math.ceil(count / 5)),
      db
        .prepare(
          `${users} INSERT INTO milestones (site_id, user_key, name, ts) SELECT ?1, 'm-' || i, 'signed_up', first FROM t`,
        )
        .bind(siteId, from, to, now),
      db
        .prepare(
          `${users} INSERT INTO milestones (site_id, user_key, name, ts)
           SELECT ?1, 'm-' || i, 'activated', first + 1000 FROM t WHERE (i * 7) % 10 < 7`,
        )
        .bind(siteId, from, to, now),
      db
        .prepare(
          `${users} INSERT INTO latest_answers (site_id, user_key, kind, answer_id, score, scale_min, scale_max, direction, ts)
           SELECT ?1, 'm-' || i, 'nps', 'a-' || i, (i * 7919) % 11, 0, 10, 'higher-better', first + 2000 FROM t WHERE i % 4 = 0`,
        )
        .bind(siteId, from, to, now),
    ]);
  }
}

/** @param {{ log: (line: string) => void, root: string }} ctx */
export default async function health({ root, log }) {
  const out = await bundleDir();
  const worker = await startWorker({
    root,
    scriptPath: await bundle(root, 'worker/src/index.ts', join(out, 'collector.mjs')),
  });
  const { url, db } = worker;
  const rows = [];
  const figures = {};
  try {
    for (const users of [10_000, 100_000]) {
      const live = await createSite(url);
      await timeReport(url, live.secretKey, '/v1/health?limit=1');
      let started = performance.now();
      await bulkUsers(db, live.id, users, Date.now());
      log(
        `${users} users: rows inserted (rollup kept by triggers) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
      const later = await createSite(url);
      started = performance.now();
      await bulkUsers(db, later.id, users, Date.now());
      log(`${users} users: rows inserted (no rollup) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      started = performance.now();
      const built = await fetch(`${url}/v1/health`, { headers: { Authorization: `Bearer ${later.secretKey}` } });
      const buildMs = performance.now() - started;
      if (built.status !== 200) throw new Error(`build: ${built.status}`);
      const rollup = await timeReport(url, live.secretKey, '/v1/health');
      const exact = await timeReport(url, live.secretKey, '/v1/health?exact=true');
      if (rollup.body.total !== exact.body.total || rollup.body.atRisk.length !== exact.body.atRisk.length) {
        throw new Error(
          `rollup ${rollup.body.total}/${rollup.body.atRisk.length} ≠ exact ${exact.body.total}/${exact.body.atRisk.length}`,
        );
      }
      figures[users] = { rollup: rollup.ms, exact: exact.ms, build: buildMs };
      log(
        `${users} users (${rollup.body.total} accounts): rollup ${rollup.ms.toFixed(1)} ms, per user ${exact.ms.toFixed(1)} ms, first report building it ${buildMs.toFixed(0)} ms`,
      );
    }
    for (const users of [10_000, 100_000]) {
      const label = users === 10_000 ? '10k' : '100k';
      const f = figures[users];
      rows.push({
        name: `health report from the cells, ${label} users`,
        value: Math.round(f.rollup * 10) / 10,
        unit: 'ms',
        baseline: { name: `per user (exact=true), ${label} users`, value: Math.round(f.exact * 10) / 10 },
      });
      rows.push({
        name: `health rollup and cells built by the first report, ${label} users`,
        value: Math.round(f.build),
        unit: 'ms',
      });
    }
    rows.push({
      name: 'health report from the cells, 100k users (no open tickets)',
      value: Math.round(figures[100_000].rollup * 10) / 10,
      unit: 'ms',
      baseline: { name: 'from the cells, 10k users', value: Math.round(figures[10_000].rollup * 10) / 10 },
      goal: '≤ 1.5×',
      met: figures[100_000].rollup <= 1.5 * figures[10_000].rollup,
    });
    return rows;
  } finally {
    await worker.stop();
  }
}
