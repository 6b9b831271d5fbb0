// `pnpm dev`: builds the widget, applies migrations to the local D1, starts the collector
// on :8787 and the demo on :5173, makes a dev site once, and prints its keys. A fresh dev site
// gets a year of history first (answers and events, about a minute) and the demo starts as soon
// as that is in; the fake Stripe account's year (demo/stripe.mjs, thousands of signed webhooks)
// is posted after, in the background, with its progress printed, and the MRR panel fills in as
// it lands. Stopped half-way, the next `pnpm dev` posts the same year again (each item and
// event applies once).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { history, seed } from '../demo/seed.mjs';
import { startDemo } from '../demo/server.mjs';
import { demoYear, demoYearLine, seedStripe, stripeHistory } from '../demo/stripe.mjs';
import { createSite, root, startCollector } from './stack.mjs';

/**
 * The dev stack: the collector, its dev site (kept in `siteFile`), the seeded history and the
 * demo app. Resolves once the demo answers; `stripe` settles when the fake Stripe account's
 * events are all in (null when there was nothing to post), with the demo year's figures.
 * @param {{ collectorPort: number, demoPort: number, persistTo?: string, siteFile?: string,
 *   users?: number, seed?: number, log?: (line: string) => void, verbose?: boolean }} options
 */
export async function startDev({
  collectorPort,
  demoPort,
  persistTo,
  siteFile = `${root}worker/.wrangler/heard-dev-site.json`,
  users,
  seed: s,
  log = console.log,
  verbose = false,
}) {
  const adminToken = /^ADMIN_TOKEN=(.*)$/m.exec(readFileSync(`${root}worker/.dev.vars`, 'utf8'))?.[1]?.trim();
  const collector = await startCollector({
    port: collectorPort,
    ...(persistTo ? { persistTo } : {}),
    log: (line) => verbose && log(`[collector] ${line}`),
  });
  let site = existsSync(siteFile) ? JSON.parse(readFileSync(siteFile, 'utf8')) : undefined;
  const scores = async () => {
    const response = await fetch(`${collector.url}/v1/scores?metric=nps`, {
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    return response.status === 401 ? undefined : response.json();
  };
  if (site && !(await scores())) site = undefined;
  if (!site) {
    const origins = [`http://127.0.0.1:${demoPort}`, `http://localhost:${demoPort}`];
    site = await createSite(collector.url, adminToken, 'Tasklane (dev)', origins);
  }
  const save = () => {
    mkdirSync(dirname(siteFile), { recursive: true });
    writeFileSync(siteFile, JSON.stringify(site, null, 2));
  };
  save();
  // A fresh dev site gets a year of realistic history: browser items through collect, revenue
  // and churn through the secret-key batch route; its clock is kept so the Stripe year that
  // follows (and one resumed by a later run) is that same year.
  // A run stopped half-way through the history seeds it again: what is in already is a duplicate.
  let seeded = null;
  if ((await scores()).n === 0 || site.seed?.history === 'pending') {
    site.seed = { now: site.seed?.now ?? Date.now(), history: 'pending', stripe: 'pending' };
    save();
    log('  seeding the dev site with a year of history (demo/seed.mjs)…');
    const started = Date.now();
    seeded = await seed({
      collector: collector.url,
      publicKey: site.publicKey,
      secretKey: site.secretKey,
      users,
      seed: s,
      now: site.seed.now,
    });
    site.seed.history = 'done';
    save();
    log(
      `  seeded ${seeded.answers} answers, ${seeded.events} events, ${seeded.displays} displays in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  const demo = await startDemo({
    port: demoPort,
    collector: collector.url,
    publicKey: site.publicKey,
    secretKey: site.secretKey,
  });
  const stripe =
    site.seed?.stripe === 'pending'
      ? seedStripeYear({ collector: collector.url, site, users, seed: s, log, save })
      : null;
  return {
    collector,
    demo,
    site,
    seeded,
    adminToken,
    stripe: stripe ?? Promise.resolve(null),
    stop: async () => {
      await demo.close();
      await collector.stop();
    },
  };
}

/**
 * Posts the fake Stripe account's year for the site's seeded history, then prints the demo
 * year's figures.
 * @param {{ collector: string, site: { secretKey: string, seed: { now: number, history: string, stripe: string } },
 *   users?: number, seed?: number, log: (line: string) => void, save: () => void }} options
 */
async function seedStripeYear({ collector, site, users, seed: s, log, save }) {
  // After the caller's next step (the banner), not before it: the history takes a moment to build.
  await new Promise((resolve) => setImmediate(resolve));
  const { now } = site.seed;
  const events = stripeHistory(history({ users, seed: s, now }), { seed: s, now });
  log(`  posting the fake Stripe account's year: ${events.length.toLocaleString('en-US')} signed webhooks…`);
  const started = Date.now();
  const totals = await seedStripe({ collector, secretKey: site.secretKey, events, log: (line) => log(`  ${line}`) });
  const seconds = (Date.now() - started) / 1000;
  site.seed.stripe = 'done';
  save();
  const year = await demoYear({ collector, secretKey: site.secretKey });
  log(
    `  Stripe: ${totals.events} events (${totals.applied} applied, ${totals.duplicates} already in) in ${seconds.toFixed(0)} s, ${totals.requests} requests`,
  );
  log(`  ${demoYearLine(year)}`);
  return { totals, seconds, year };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  execFileSync('pnpm', ['build'], { cwd: root, stdio: 'inherit' });
  const dev = await startDev({ collectorPort: 8787, demoPort: 5173, verbose: Boolean(process.env.HEARD_VERBOSE) });
  const { collector, demo, site, adminToken } = dev;
  console.log(`
  Heard is running.

  collector   ${collector.url}          (local D1 under worker/.wrangler/)
  demo app    ${demo.url}
${existsSync(`${root}worker/public/dashboard`) ? `  dashboard   ${collector.url}/dashboard\n` : ''}
  dev site    ${site.id}
  public key  ${site.publicKey}
  secret key  ${site.secretKey}
  admin token ${adminToken}

  try: curl -H 'Authorization: Bearer ${site.secretKey}' '${collector.url}/v1/scores?metric=nps'
  Ctrl-C stops everything.
${site.seed?.stripe === 'pending' ? "\n  The fake Stripe account's year is being posted in the background; the MRR panel fills in as it lands.\n" : ''}`);
  await dev.stripe.catch((error) => console.error(`  the fake Stripe account's year failed: ${error.message}`));
}
