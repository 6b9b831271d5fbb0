// `pnpm bench`: runs every tests/bench/*.bench.mjs (or those whose name contains an
// argument), prints each figure with its ratio to the baseline measured in the same run,
// and writes bench/results.json. A bench file exports
//   default async function (ctx) → [{ name, value, unit, baseline?: { name, value }, goal?, met? }]
// with ctx = { log(line), root }.
import { execSync } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);

/** The machine a run was measured on: figures only compare within one. */
async function machine() {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? cpus()[0]?.model ?? 'unknown';
  let nproc = cpus().length;
  try {
    nproc = Number(execSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {}
  return { nproc, cpu: model.trim(), memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10, node: process.version };
}

const number = (value) =>
  Number.isFinite(value)
    ? Math.abs(value) >= 100
      ? Math.round(value).toLocaleString('en-US')
      : Number(value.toPrecision(3)).toString()
    : String(value);
const ratioOf = (row) =>
  row.baseline && Number.isFinite(row.baseline.value) && row.baseline.value !== 0
    ? row.value / row.baseline.value
    : undefined;

function table(results) {
  const lines = ['| bench | figure | value | baseline | ratio | goal |', '|---|---|---:|---|---:|---|'];
  for (const { file, rows, error } of results) {
    if (error) lines.push(`| ${file} | FAILED: ${error.split('\n')[0]} | | | | |`);
    for (const row of rows ?? []) {
      const ratio = row.ratio === undefined ? '' : `${number(row.ratio)}×`;
      const baseline = row.baseline ? `${row.baseline.name}: ${number(row.baseline.value)}` : '';
      const goal = row.goal ? `${row.goal}${row.met === true ? ' ✓' : row.met === false ? ' ✗' : ''}` : '';
      lines.push(`| ${file} | ${row.name} | ${number(row.value)} ${row.unit} | ${baseline} | ${ratio} | ${goal} |`);
    }
  }
  return lines.join('\n');
}

const files = (await readdir(here))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const results = [];
for (const file of files) {
  const name = basename(file, '.bench.mjs');
  const ctx = { root, log: (line) => console.log(`  [${name}] ${line}`) };
  console.log(`▶ ${name}`);
  const started = performance.now();
  try {
    const { default: bench } = await import(pathToFileURL(join(here, file)).href);
    const rows = (await bench(ctx)).map((row) => ({ ...row, ratio: ratioOf(row) }));
    results.push({ file: name, seconds: (performance.now() - started) / 1000, rows });
  } catch (error) {
    console.error(error);
    results.push({ file: name, error: String(error?.stack ?? error) });
  }
}

const report = { ranAt: new Date().toISOString(), machine: await machine(), results };
await mkdir(join(root, 'bench'), { recursive: true });
await writeFile(join(root, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
const { nproc, cpu, memoryGiB, node } = report.machine;
console.log(`\n${table(results)}\n\nMachine: ${nproc} CPUs (${cpu}), ${memoryGiB} GiB, Node ${node}; ${report.ranAt}`);
console.log('Written to bench/results.json');
if (results.some((r) => r.error)) process.exitCode = 1;
