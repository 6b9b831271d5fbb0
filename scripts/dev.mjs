// `pnpm dev`: builds the widget, applies migrations to the local D1, starts the collector
// on :8787 and the demo on :5173, makes a dev site once, and prints its keys.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { seed } from '../demo/seed.mjs';
import { startDemo } from '../demo/server.mjs';
import { createSite, root, startCollector } from './stack.mjs';

const COLLECTOR_PORT = 8787;
const DEMO_PORT = 5173;
const ADMIN_TOKEN = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(`${root}worker/.dev.vars`, 'utf8'))?.[1]?.trim();
const siteFile = `${root}worker/.wrangler/heard-dev-site.json`;

execFileSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
const collector = await startCollector({
  port: COLLECTOR_PORT,
  log: (line) => process.env.HEARD_VERBOSE && console.log(`[collector] ${line}`),
});

let site = existsSync(siteFile) ? JSON.parse(readFileSync(siteFile, 'utf8')) : undefined;
if (site) {
  const check = await fetch(`${collector.url}/v1/scores?metric=nps`, {
    headers: { Authorization: `Bearer ${site.secretKey}` },
  });
  if (check.status === 401) site = undefined;
}
if (!site) {
  const origins = [`http://127.0.0.1:${DEMO_PORT}`, `http://localhost:${DEMO_PORT}`];
  site = await createSite(collector.url, ADMIN_TOKEN, 'Tasklane (dev)', origins);
  mkdirSync(`${root}worker/.wrangler`, { recursive: true });
  writeFileSync(siteFile, JSON.stringify(site, null, 2));
}
// A fresh dev site gets a year of realistic history: browser items through collect, revenue
// and churn through the secret-key batch route, subscriptions from a fake Stripe account.
const existing = await fetch(`${collector.url}/v1/scores?metric=nps`, {
  headers: { Authorization: `Bearer ${site.secretKey}` },
}).then((r) => r.json());
if (existing.n === 0) {
  console.log('  seeding the dev site with a year of history (demo/seed.mjs)…');
  const started = Date.now();
  const seeded = await seed({
    collector: collector.url,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
    stripe: true,
  });
  console.log(
    `  seeded ${seeded.answers} answers, ${seeded.events} events, ${seeded.displays} displays, ${seeded.stripe.events} Stripe events in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}
const demo = await startDemo({
  port: DEMO_PORT,
  collector: collector.url,
  publicKey: site.publicKey,
  secretKey: site.secretKey,
});

console.log(`
  Heard is running.

  collector   ${collector.url}          (local D1 under worker/.wrangler/)
  demo app    ${demo.url}
${existsSync(`${root}worker/public/dashboard`) ? `  dashboard   ${collector.url}/dashboard\n` : ''}
  dev site    ${site.id}
  public key  ${site.publicKey}
  secret key  ${site.secretKey}
  admin token ${ADMIN_TOKEN}

  try: curl -H 'Authorization: Bearer ${site.secretKey}' '${collector.url}/v1/scores?metric=nps'
  Ctrl-C stops everything.
`);
