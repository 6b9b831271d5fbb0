// Seeds a site with a realistic year of Tasklane history — sign-ups, activation, support
// tickets, revenue, churn, NPS/CSAT/CES answers with comments — each through the door it would
// have used: what the widgets sent through the public collect API, and the trusted events
// (revenue and churn, which only a backend may write) through POST /v1/batch with the secret
// key; with `stripe`, the subscriptions behind that revenue and their invoices and refunds
// through the Stripe source, as a fake Stripe account's webhooks (demo/stripe.mjs).
// Deterministic: the same seed and clock give the same ids, so running it twice stores nothing new.
//
//   node demo/seed.mjs <collector-url> <public-key> <secret-key> [users]

import { demoYear, demoYearLine, seedStripe, stripeHistory } from './stripe.mjs';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const BATCH = 500;

/** A small, fast, seedable PRNG (mulberry32). */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLANS = [
  ['free', 0.55, 0],
  ['pro', 0.35, 49],
  ['enterprise', 0.1, 490],
];
const COUNTRIES = [
  ['US', 0.34],
  ['DE', 0.16],
  ['GB', 0.12],
  ['FR', 0.09],
  ['BR', 0.09],
  ['IN', 0.1],
  ['JP', 0.1],
];
const COMMENTS = {
  bad: [
    'Sync between devices is slow and sometimes loses my edits.',
    'Too expensive for what we use.',
    'The mobile app crashes when I attach files.',
    'Export to CSV keeps timing out on big projects.',
    'Support took days to answer.',
    'Hard to find settings; the menus are confusing.',
    'Notifications are way too noisy.',
  ],
  mid: [
    'Good overall, but the calendar view needs work.',
    'Does the job. Would love a dark mode on mobile.',
    'Solid, though onboarding was a bit long.',
    'Fine for small teams; reporting is basic.',
  ],
  good: [
    'Love the keyboard shortcuts, we ship faster.',
    'Best task tool our team has used.',
    'The templates saved us hours in the first week.',
    'Support was quick and friendly.',
    'Clean, fast and it just works.',
    'Automations replaced two other tools for us.',
  ],
};

const pickWeighted = (rand, table) => {
  let x = rand();
  for (const row of table) {
    x -= row[1];
    if (x <= 0) return row;
  }
  return table[table.length - 1];
};
const pick = (rand, list) => list[Math.floor(rand() * list.length)];
/** Log-normal with the given median, for waiting times. */
const lognormal = (rand, median, sigma) => {
  const u = Math.max(rand(), 1e-9);
  const v = rand();
  return median * Math.exp(sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
};
const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, Math.round(x)));

/** A version-4-shaped UUID from the PRNG, so ids repeat run to run. */
const uuid = (rand) => {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[Math.floor(rand() * 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
};

/**
 * A year of history for `users` users, ending at `now`: answers, events and displays.
 * NPS rises through the year (onboarding got better), pro and enterprise customers are
 * happier, fast ticket resolutions are rated easier.
 */
export function history({ users = 7000, seed = 42, now = Date.now(), days = 365 } = {}) {
  const rand = random(seed);
  const start = now - days * DAY;
  const answers = [];
  const events = [];
  const displays = [];
  const event = (name, userId, ts, extra = {}) => {
    if (ts <= now) events.push({ id: uuid(rand), name, userId, ts: Math.round(ts), ...extra });
  };
  const comment = (score, scale, kindBias = 0) => {
    const position = (score - scale[0]) / (scale[1] - scale[0]) + kindBias;
    if (rand() > 0.38) return undefined;
    return pick(rand, position < 0.6 ? COMMENTS.bad : position < 0.85 ? COMMENTS.mid : COMMENTS.good);
  };
  const ask = (kind, survey, userId, traits, ts, score, scale) => {
    if (ts > now) return;
    const id = uuid(rand);
    displays.push({ id: uuid(rand), kind, survey, userId, action: 'shown', ts: Math.round(ts) - 2000 });
    if (score === null) {
      if (rand() < 0.6)
        displays.push({ id: uuid(rand), kind, survey, userId, action: 'dismissed', ts: Math.round(ts) });
      return;
    }
    const text = comment(score, scale, kind === 'nps' ? 0.05 : 0);
    answers.push({
      id,
      kind,
      survey,
      score,
      scale,
      userId,
      traits,
      ts: Math.round(ts),
      ...(text ? { comment: text } : {}),
    });
  };

  for (let i = 0; i < users; i++) {
    const userId = `u_${String(i).padStart(5, '0')}`;
    // Sign-ups grow through the year.
    const signedUp = start + Math.sqrt(rand()) * days * DAY;
    const [plan, , price] = pickWeighted(rand, PLANS);
    const [country] = pickWeighted(rand, COUNTRIES);
    const traits = { plan, country };
    const progress = (signedUp - start) / (days * DAY); // 0 at the start of the year, 1 today
    const mood = (plan === 'free' ? -0.6 : plan === 'pro' ? 0.3 : 0.6) + progress * 1.1 + (rand() - 0.5) * 2.4;

    event('signed_up', userId, signedUp, { props: { plan, country } });
    if (price > 0) event('revenue', userId, signedUp + HOUR, { value: price, props: { kind: 'new', plan } });

    const activates = rand() < (plan === 'free' ? 0.58 : 0.82) + progress * 0.1;
    const activatedAt = activates ? signedUp + lognormal(rand, (40 - 24 * progress) * HOUR, 1.1) : Infinity;
    if (activates) event('activated', userId, activatedAt, { props: { plan } });

    const churns = rand() < 0.22 - mood * 0.08;
    const churnedAt = churns ? signedUp + (20 + rand() * 300) * DAY : Infinity;
    const end = Math.min(now, churnedAt);
    for (let t = signedUp + 7 * DAY; t < end; t += (5 + rand() * 25) * DAY) {
      if (activates && t > activatedAt) event('project_updated', userId, t);
    }
    if (churnedAt <= now) event('churned', userId, churnedAt, { props: { plan } });

    if (price > 0 && rand() < 0.18 + mood * 0.05) {
      const at = signedUp + (30 + rand() * 200) * DAY;
      if (at < end)
        event('revenue', userId, at, { value: price * (rand() < 0.5 ? 1 : 2), props: { kind: 'expansion', plan } });
    }
    if (price > 0 && rand() < 0.06) {
      const at = signedUp + (30 + rand() * 200) * DAY;
      if (at < end)
        event('revenue', userId, at, { value: -Math.round(price / 2), props: { kind: 'contraction', plan } });
    }

    const tickets = Math.floor(rand() * rand() * 5);
    for (let k = 0; k < tickets; k++) {
      const opened = signedUp + rand() * Math.max(DAY, end - signedUp);
      const entity = `T-${i}-${k}`;
      event('ticket_opened', userId, opened, { entity, props: { plan } });
      if (rand() < 0.9) {
        const hours = lognormal(rand, plan === 'enterprise' ? 4 : 14 - 6 * progress, 1);
        const resolved = opened + hours * HOUR;
        event('ticket_resolved', userId, resolved, { entity, props: { plan } });
        const easy = 5.6 - Math.log2(1 + hours / 6) * 0.9 + mood * 0.5 + (rand() - 0.5) * 2;
        ask(
          'ces',
          'ces-support',
          userId,
          traits,
          resolved + 10 * 60_000,
          rand() < 0.55 ? clamp(easy, 1, 7) : null,
          [1, 7],
        );
      }
    }

    if (activates && activatedAt < end) {
      const satisfied = 3.7 + mood * 0.7 + (rand() - 0.5) * 2;
      ask(
        'csat',
        'csat-onboarding',
        userId,
        traits,
        activatedAt + DAY,
        rand() < 0.5 ? clamp(satisfied, 1, 5) : null,
        [1, 5],
      );
    }

    for (let t = signedUp + (20 + rand() * 20) * DAY; t < end; t += (80 + rand() * 30) * DAY) {
      const when = (t - start) / (days * DAY);
      const base = 7.2 + mood * 1.6 + when * 0.6 + (activates && t > activatedAt ? 0.5 : -1.5);
      const score = clamp(base + (rand() - 0.5) * 3, 0, 10);
      ask('nps', 'nps-quarterly', userId, traits, t, rand() < 0.62 ? score : null, [0, 10]);
    }
  }
  return { answers, events, displays };
}

/** The site's trusted events by default (settings.trustedEvents): the backend sends these. */
export const TRUSTED = ['revenue', 'churned'];

/** Splits items into collect batches of at most `BATCH` items. */
export function batches({ answers, events, displays }) {
  const items = [
    ...answers.map((a) => ['answers', a]),
    ...events.map((e) => ['events', e]),
    ...displays.map((d) => ['displays', d]),
  ];
  const out = [];
  for (let i = 0; i < items.length; i += BATCH) {
    const batch = { answers: [], events: [], displays: [] };
    for (const [type, item] of items.slice(i, i + BATCH)) batch[type].push(item);
    out.push(batch);
  }
  return out;
}

/**
 * Posts a seeded history, a few batches at a time: browser items to `/v1/collect`, trusted
 * events to `/v1/batch` (secret key), as a year of widgets and a billing backend would have;
 * with `stripe`, the subscriptions as signed Stripe webhooks to `/v1/sources/stripe/:siteId`.
 * @param {{ collector: string, publicKey: string, secretKey: string, users?: number, seed?: number,
 *   now?: number, parallel?: number, origin?: string, stripe?: boolean, log?: (line: string) => void }} options
 */
export async function seed({
  collector,
  publicKey,
  secretKey,
  users,
  seed: s,
  now,
  parallel = 4,
  origin,
  stripe = false,
  log = () => {},
}) {
  if (!secretKey) throw new Error('seed: revenue and churn go through /v1/batch; pass the secret key');
  const at = now ?? Date.now();
  const made = history({ users, seed: s, now: at });
  const trusted = made.events.filter((e) => TRUSTED.includes(e.name));
  const browser = { ...made, events: made.events.filter((e) => !TRUSTED.includes(e.name)) };
  const queue = [
    ...batches(browser).map((batch) => ['collect', batch]),
    ...batches({ answers: [], events: trusted, displays: [] }).map((batch) => ['batch', batch]),
  ];
  const totals = { accepted: 0, duplicates: 0, rejected: 0, batches: queue.length };
  let next = 0;
  const worker = async () => {
    while (next < queue.length) {
      const [door, batch] = queue[next++];
      const response =
        door === 'collect'
          ? await fetch(`${collector}/v1/collect`, {
              method: 'POST',
              headers: { 'Content-Type': 'text/plain;charset=UTF-8', ...(origin ? { Origin: origin } : {}) },
              body: JSON.stringify({ site: publicKey, ...batch }),
            })
          : await fetch(`${collector}/v1/batch`, {
              method: 'POST',
              headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
              body: JSON.stringify(batch),
            });
      if (!response.ok) throw new Error(`${door}: ${response.status} ${await response.text()}`);
      const body = await response.json();
      totals.accepted += body.accepted;
      totals.duplicates += body.duplicates;
      totals.rejected += body.rejected.length;
      if (next % 20 === 0) log(`seed: ${next}/${queue.length} batches`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const billing = stripe
    ? await seedStripe({ collector, secretKey, log, events: stripeHistory(made, { seed: s, now: at }) })
    : undefined;
  return {
    ...totals,
    ...(billing ? { stripe: billing } : {}),
    answers: made.answers.length,
    events: made.events.length,
    displays: made.displays.length,
    comments: made.answers.filter((a) => a.comment).length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [collector, publicKey, secretKey, users] = process.argv.slice(2);
  if (!collector || !publicKey || !secretKey) {
    console.error('usage: node demo/seed.mjs <collector-url> <public-key> <secret-key> [users]');
    process.exit(2);
  }
  const started = Date.now();
  const result = await seed({
    collector,
    publicKey,
    secretKey,
    users: users ? Number(users) : undefined,
    stripe: true,
    log: console.log,
  });
  console.log(`seed: ${JSON.stringify(result)} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(demoYearLine(await demoYear({ collector, secretKey })));
}
