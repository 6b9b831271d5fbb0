// What storing one answer costs SQLite itself, with no D1, HTTP or validation around it: the
// collector's own INSERT (worker/src/db/collect.ts) on the migrated schema, in Node's SQLite
// (node:sqlite, in memory), then on the same schema without the insert triggers (rollups,
// profile, latest answer, segments), without the secondary indexes on `answers`, and without
// either. Each variant is measured in turns with the others, over rounds, after a warm-up that
// leaves 20,000 answers in the table.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { answer, bundle, bundleDir, statements } from './workerd.mjs';

const ROUNDS = 3;
const STATEMENTS = 200;
const WARM = 20_000;
const TRIGGERS = ['answers_rollup_insert', 'answers_profile', 'answers_latest', 'answers_segment_rollup'];
const INDEXES = ['answers_site_kind_ts', 'answers_site_ts', 'answers_site_user', 'answers_site_anon'];
const VARIANTS = {
  'schema as migrated': [],
  'without the insert triggers': TRIGGERS.map((name) => `DROP TRIGGER ${name}`),
  'without the secondary indexes on answers': INDEXES.map((name) => `DROP INDEX ${name}`),
  'bare table (neither)': [
    ...TRIGGERS.map((name) => `DROP TRIGGER ${name}`),
    ...INDEXES.map((name) => `DROP INDEX ${name}`),
  ],
};

export default async function rows({ root, log }) {
  const { DatabaseSync } = await import('node:sqlite');
  const out = await bundleDir();
  const collect = await import(
    pathToFileURL(await bundle(root, 'worker/src/db/collect.ts', join(out, 'collect.mjs'))).href
  );
  const dir = join(root, 'worker/migrations');
  const migrations = [];
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort()) {
    migrations.push(...statements(await readFile(join(dir, file), 'utf8')));
  }
  const now = Date.now();
  let next = 0;
  const rowsJson = (count) =>
    JSON.stringify(Array.from({ length: count }, () => collect.answerRow(answer(next++, now))));

  const open = (drops) => {
    const db = new DatabaseSync(':memory:');
    for (const sql of migrations) db.exec(sql);
    for (const sql of drops) db.exec(sql);
    db.prepare("INSERT INTO sites (id, name, public_key, created_at) VALUES ('s1', 'bench', 'pk_bench', 0)").run();
    const insert = db.prepare(collect.INSERT_ANSWERS);
    const write = (json) => {
      db.exec('BEGIN');
      const inserted = insert.all('s1', json, now).length;
      db.exec('COMMIT');
      return inserted;
    };
    for (let i = 0; i < WARM / 100; i++) write(rowsJson(100));
    return { db, write };
  };
  const dbs = Object.fromEntries(Object.entries(VARIANTS).map(([name, drops]) => [name, open(drops)]));
  const micros = {};
  const time = (key, db, perStatement) => {
    const batches = Array.from({ length: STATEMENTS }, () => rowsJson(perStatement));
    const started = performance.now();
    let inserted = 0;
    for (const json of batches) inserted += db.write(json);
    const ms = performance.now() - started;
    if (inserted !== STATEMENTS * perStatement) throw new Error(`${key}: ${inserted} rows inserted`);
    micros[key] = [...(micros[key] ?? []), (ms * 1000) / inserted];
  };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, db] of Object.entries(dbs)) time(`${name}, 100 per statement`, db, 100);
    time('schema as migrated, 1 per statement', dbs['schema as migrated'], 1);
    log(
      `round ${round + 1}: ${Object.entries(micros)
        .map(([k, v]) => `${k} ${v.at(-1).toFixed(1)} µs`)
        .join('; ')}`,
    );
  }
  for (const { db } of Object.values(dbs)) db.close();
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const full = median(micros['schema as migrated, 100 per statement']);
  return Object.entries(micros).map(([key, values]) => ({
    name: `SQLite alone (Node's), per stored answer, ${key}`,
    value: median(values),
    unit: 'µs',
    ...(key === 'schema as migrated, 100 per statement'
      ? {}
      : { baseline: { name: 'schema as migrated', value: full } }),
  }));
}
