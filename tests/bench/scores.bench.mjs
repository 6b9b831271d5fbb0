// Scores at scale: the real worker (bundled with esbuild) in Miniflare on an in-memory D1,
// seeded by SQL to 10k, 100k and 1M answers over the past year. Prints the time of an
// unsegmented yearly report (read from the daily rollup) at each size, and of a segmented
// 90-day report against a raw SQLite scan of the same rows through the same D1 binding,
// and every read the dashboard sends when a PM signs in (its default 90-day view), at each size.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { convertV4MiniflareOptions, Miniflare } from 'miniflare';
import { coreAliases } from './workerd.mjs';

const SIZES = [10_000, 100_000, 1_000_000];
const RUNS = 7;
const DAY = 86_400_000;
const ADMIN = 'bench-admin-token';

/** Splits a migration into statements, keeping trigger bodies (BEGIN … END;) whole. */
function statements(sql) {
  const out = [];
  let current = '';
  let inTrigger = false;
  for (const line of sql.split('\n')) {
    if (/^\s*--/.test(line) || !line.trim()) continue;
    current += `${line}\n`;
    if (/\bBEGIN\s*$/i.test(line)) inTrigger = true;
    if (inTrigger ? /^\s*END;\s*$/i.test(line) : /;\s*$/.test(line)) {
      out.push(current.trim());
      current = '';
      inTrigger = false;
    }
  }
  return out;
}

/** Miniflare's binding proxy sometimes loses its keep-alive socket on long statements: try again (seeding is idempotent). */
async function retry(fn, attempts = 5) {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !/fetch failed|other side closed/i.test(`${error?.message} ${error?.cause?.message}`))
        throw error;
    }
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Medians of two reads timed in turns (a, b, a, b, …), so both see the same moments of a noisy machine. */
async function timedPair(a, b) {
  await a();
  await b();
  const times = [[], []];
  for (let i = 0; i < RUNS; i++) {
    for (const [k, fn] of [a, b].entries()) {
      const start = performance.now();
      await fn();
      times[k].push(performance.now() - start);
    }
  }
  return times.map(median);
}

async function timed(fn) {
  await fn(); // warm-up
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

/** @param {{ log: (line: string) => void, root: string }} ctx */
export default async function scoresBench(ctx) {
  const worker = join(ctx.root, 'worker');
  const bundle = await build({
    entryPoints: [join(worker, 'src/index.ts')],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    conditions: ['source', 'workerd', 'worker', 'import'],
    mainFields: ['module', 'main'],
    alias: coreAliases(ctx.root),
    write: false,
    logLevel: 'error',
  });
  // Miniflare 5 takes wrangler-shaped worker configs; the classic options convert to them.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      name: 'heard',
      modules: true,
      script: bundle.outputFiles[0].text,
      compatibilityDate: '2026-11-01',
      d1Databases: { DB: 'bench' },
      bindings: { ADMIN_TOKEN: ADMIN },
      serviceBindings: { ASSETS: () => new Response('not found', { status: 404 }) },
    }),
  );
  try {
    const db = await mf.getD1Database('DB');
    const migrations = (await readdir(join(worker, 'migrations'))).filter((f) => f.endsWith('.sql')).sort();
    for (const file of migrations) {
      for (const sql of statements(await readFile(join(worker, 'migrations', file), 'utf8')))
        await db.prepare(sql).run();
    }
    const api = (path, init = {}) => mf.dispatchFetch(`http://bench.local${path}`, init);
    const created = await (
      await api('/v1/sites', {
        method: 'POST',
        headers: { Authorization: `Bearer ${ADMIN}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ name: 'bench', origins: [] }),
      })
    ).json();
    const read = async (path) => {
      const response = await api(path, { headers: { Authorization: `Bearer ${created.secretKey}` } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };

    const now = Date.now();
    const today = new Date(now).toISOString().slice(0, 10);
    const yearAgo = new Date(now - 364 * DAY).toISOString().slice(0, 10);
    const ninetyAgo = new Date(now - 89 * DAY).toISOString().slice(0, 10);
    const span = 365 * DAY;
    const start = Date.parse(`${yearAgo}T00:00:00Z`);
    const ninetyStart = Date.parse(`${ninetyAgo}T00:00:00Z`);
    const end = Date.parse(`${today}T00:00:00Z`) + DAY;

    // Seeds rows [from, to) in chunks, all in SQLite: uniform over the year, four plans plus no plan.
    // MATERIALIZED: otherwise SQLite inlines the CTE and calls random() once per reference to ts.
    const seed = async (from, to) => {
      for (let lo = from; lo < to; lo += 20_000) {
        const hi = Math.min(to, lo + 20_000);
        await retry(() =>
          db
            .prepare(
              `WITH RECURSIVE seq(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM seq WHERE i + 1 < ?2),
               rows AS MATERIALIZED (SELECT i, ?3 + (abs(random()) % ?4) AS ts, abs(random()) % 11 AS score, abs(random()) % 5 AS p FROM seq)
             INSERT INTO answers (site_id, id, survey, kind, score, scale_min, scale_max, direction, comment, user_id, traits, ts, day, received_at)
             SELECT ?5, printf('bench-%08d', i), 'nps-quarterly', 'nps', score, 0, 10, 'higher-better',
                    CASE WHEN i % 5 <> 0 THEN NULL WHEN i % 500 = 0 THEN 'Export is slow on big projects' ELSE 'Does the job' END,
                    'u' || (i % 5000),
                    CASE p WHEN 4 THEN NULL ELSE json_object('plan', CASE p WHEN 0 THEN 'free' WHEN 1 THEN 'pro' WHEN 2 THEN 'team' ELSE 'enterprise' END) END,
                    ts, strftime('%Y-%m-%d', ts / 1000, 'unixepoch'), ts FROM rows WHERE true
             ON CONFLICT DO NOTHING`,
            )
            .bind(lo, hi, start, span, created.id)
            .run(),
        );
      }
      const { n } = await db.prepare('SELECT COUNT(*) AS n FROM answers').first();
      if (n !== to) throw new Error(`seeded ${n} answers, wanted ${to}`);
    };

    const rows = [];
    let seeded = 0;
    const unsegmented = {};
    const segmented = {};
    const dashboard = {};
    for (const size of SIZES) {
      const t0 = performance.now();
      await seed(seeded, size);
      seeded = size;
      ctx.log(
        `scores: seeded ${size.toLocaleString('en')} answers (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );

      const yearly = `/v1/scores?metric=nps&from=${yearAgo}&to=${today}`;
      const check = await read(yearly);
      if (check.n !== size) throw new Error(`expected n ${size}, got ${check.n}`);
      unsegmented[size] = await timed(() => read(yearly));
      await timed(() => read(`${yearly}&interval=week`)).then((ms) =>
        rows.push({
          name: `scores: unsegmented 365-day report with weekly series, ${label(size)} answers`,
          value: round(ms),
          unit: 'ms',
        }),
      );

      const ninety = `/v1/scores?metric=nps&from=${ninetyAgo}&to=${today}&by=plan`;
      const report = await read(ninety);
      const raw = () =>
        db
          .prepare(
            `SELECT json_extract(traits, '$.plan') AS plan, score, COUNT(*) AS n FROM answers
             WHERE site_id = ?1 AND kind = 'nps' AND ts >= ?2 AND ts < ?3 GROUP BY plan, score`,
          )
          .bind(created.id, ninetyStart, end)
          .all();
      const rawTotal = (await retry(raw)).results.reduce((sum, r) => sum + r.n, 0);
      if (report.segments.reduce((sum, s) => sum + s.n, 0) !== rawTotal || report.n !== rawTotal) {
        throw new Error(`segments (${report.n}) and the raw scan (${rawTotal}) disagree`);
      }
      // plan is a segment trait (settings.segments), so it reads its rollup. With plan taken
      // out of the setting, the same report takes the path of every other trait: the answers.
      const rolledMs = await timed(() => read(ninety));
      const segmentsSetting = async (names) => {
        const response = await api('/v1/settings', {
          method: 'PATCH',
          headers: { Authorization: `Bearer ${created.secretKey}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ segments: names }),
        });
        if (response.status !== 200) throw new Error(`settings: ${response.status} ${await response.text()}`);
      };
      await segmentsSetting([]);
      const fromAnswers = await read(ninety);
      if (JSON.stringify(fromAnswers.segments) !== JSON.stringify(report.segments)) {
        throw new Error('the segment rollup and the read from the answers disagree');
      }
      const [rawPathMs, rawMs] = await timedPair(
        () => read(ninety),
        () => retry(raw),
      );
      await segmentsSetting(['plan', 'country']);
      segmented[size] = { report: rolledMs, rawPath: rawPathMs, raw: rawMs, rows: rawTotal };

      // What the dashboard sends on sign-in, all at once as the browser does; then a comment
      // search for a phrase in 1 of 100 comments, which scans the range to fill a page.
      const range = `from=${ninetyAgo}&to=${today}`;
      const scoresOf = (metric) => `/v1/scores?metric=${metric}&${range}&interval=week&compare=previous`;
      const signIn = [
        '/v1/surveys',
        scoresOf('nps'),
        scoresOf('csat'),
        scoresOf('ces'),
        `/v1/scores?metric=nps&${range}&interval=week&by=plan`,
        `/v1/comments?metric=nps&${range}&limit=10`,
        `/v1/ttv?${range}&cohort=week`,
        `/v1/durations?${range}&start=ticket_opened&end=ticket_resolved`,
        `/v1/retention?${range}&interval=week`,
        `/v1/revenue?${range}`,
        '/v1/health?limit=10',
      ];
      const search = `/v1/comments?metric=nps&${range}&limit=10&q=slow`;
      const found = (await read(search)).comments.length;
      for (const path of signIn) {
        const t = performance.now();
        await read(path);
        ctx.log(`${label(size)}: ${path.split('&')[0]} ${Math.round(performance.now() - t)} ms alone`);
      }
      dashboard[size] = {
        signIn: await timed(() => Promise.all(signIn.map(read))),
        search: await timed(() => read(search)),
        found,
      };
    }

    for (const size of SIZES) {
      rows.push({
        name: `scores: unsegmented 365-day report, ${label(size)} answers`,
        value: round(unsegmented[size]),
        unit: 'ms',
        ...(size === SIZES[0]
          ? {}
          : { baseline: { name: `unsegmented, ${label(SIZES[0])} answers`, value: round(unsegmented[SIZES[0]]) } }),
        ...(size === SIZES.at(-1) ? { goal: '≤ 1.5 × the 10k time (cost grows with days, not answers)' } : {}),
      });
    }
    for (const size of SIZES) {
      const s = segmented[size];
      const baseline = { name: 'raw SQLite scan of the same rows (GROUP BY plan, score)', value: round(s.raw) };
      rows.push({
        name: `scores: segmented 90-day report by=plan (segment rollup), ${label(size)} answers (${label(s.rows)} in range)`,
        value: round(s.report),
        unit: 'ms',
        baseline,
      });
      rows.push({
        name: `scores: segmented 90-day report by=plan without its rollup (read from the answers), ${label(size)} answers`,
        value: round(s.rawPath),
        unit: 'ms',
        baseline,
        ...(size === SIZES.at(-1) ? { goal: '≤ 1.5 × the raw scan', met: s.rawPath <= 1.5 * s.raw } : {}),
      });
    }
    for (const size of SIZES) {
      const first = dashboard[SIZES[0]];
      const last = size === SIZES.at(-1);
      rows.push({
        name: `dashboard: the 11 reads of sign-in (90 days, weekly), in parallel, ${label(size)} answers`,
        value: round(dashboard[size].signIn),
        unit: 'ms',
        ...(size === SIZES[0] ? {} : { baseline: { name: `${label(SIZES[0])} answers`, value: round(first.signIn) } }),
        ...(last ? { goal: '≤ 1.5 × the 10k time', met: dashboard[size].signIn <= 1.5 * first.signIn } : {}),
      });
    }
    for (const size of SIZES) {
      const first = dashboard[SIZES[0]];
      rows.push({
        name: `dashboard: comment search for a phrase in 1 of 100 comments (${dashboard[size].found} shown), ${label(size)} answers`,
        value: round(dashboard[size].search),
        unit: 'ms',
        ...(size === SIZES[0] ? {} : { baseline: { name: `${label(SIZES[0])} answers`, value: round(first.search) } }),
      });
    }
    return rows;
  } finally {
    await mf.dispose();
  }
}

const label = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${Math.round(n / 1e3)}k` : String(n));
const round = (ms) => Math.round(ms * 100) / 100;
