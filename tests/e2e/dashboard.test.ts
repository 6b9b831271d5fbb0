import { mkdirSync, readFileSync } from 'node:fs';
import type { SurveyList } from '@heard/core';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { count, duration, interval, money, num, percent, scoreDigits, signed } from '../../dashboard/src/format';
import { surveyOptions } from '../../dashboard/src/surveys';
import { seed } from '../../demo/seed.mjs';
import { createSite, root } from '../../scripts/stack.mjs';
import { useBrowser } from '../browser';

const browser = useBrowser();
/** The machine is shared: give the page time to answer before a poll gives up. */
const SLOW = { timeout: 20_000 };

/** A site of its own, so the other browser tests' counts stay theirs. */
let site: { publicKey: string; secretKey: string };

beforeAll(async () => {
  const { collector, adminToken } = inject('stack');
  site = await createSite(collector, adminToken, 'Tasklane (dashboard test)', []);
  const seeded = await seed({ collector, publicKey: site.publicKey, secretKey: site.secretKey, users: 600, seed: 7 });
  if (seeded.rejected > 0) throw new Error(`the collector refused ${seeded.rejected} seeded items`);
}, 120_000);

/** Reads a report of the seeded site; `null` when the collector has no such route (404). */
async function api<T = Record<string, unknown>>(path: string): Promise<T | null> {
  const { collector } = inject('stack');
  const response = await fetch(`${collector}${path}`, { headers: { Authorization: `Bearer ${site.secretKey}` } });
  if (response.status === 404) return null;
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

async function signIn(page: Page): Promise<void> {
  const { collector } = inject('stack');
  await page.goto(`${collector}/dashboard`);
  await page.getByLabel('Secret key').fill(site.secretKey);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForPanels(page);
}

async function waitForPanels(page: Page): Promise<void> {
  await page.locator('#nps[data-state=ok]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[aria-busy=true]').length === 0);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

/** The rows of a table as arrays of cell texts. */
const rows = (page: Page, selector: string) =>
  page
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => (cell.textContent ?? '').trim())));

/** The query the dashboard sends, read from the page itself. */
async function filters(page: Page) {
  const main = page.locator('main.grid');
  return {
    from: (await main.getAttribute('data-from')) ?? '',
    to: (await main.getAttribute('data-to')) ?? '',
    interval: (await main.getAttribute('data-interval')) ?? '',
  };
}

interface Summary {
  n: number;
  score: number | null;
  ci95: [number, number] | null;
  breakdown: Record<string, number>;
}
interface Scores extends Summary {
  distribution: Record<string, number>;
  series?: (Summary & { label: string })[];
  segments?: (Summary & { value: string })[];
  responseRate?: { answered: number; shown: number; rate: number } | null;
  comparison?: { significance: { difference: number; significant: boolean } | null };
}

describe('the dashboard', () => {
  it('is served at /dashboard and /dashboard/, and keeps the secret key in sessionStorage, never in the URL', async () => {
    const { collector } = inject('stack');
    const bare = await fetch(`${collector}/dashboard`, { redirect: 'manual' });
    expect([301, 302, 307, 308]).toContain(bare.status);
    expect(new URL(bare.headers.get('Location') ?? '', collector).pathname).toBe('/dashboard/');
    const slash = await fetch(`${collector}/dashboard/`);
    expect(slash.status).toBe(200);
    expect(await slash.text()).toContain('dashboard.js');

    const page = await browser().newPage();
    const urls: string[] = [];
    page.on('request', (request) => urls.push(request.url()));
    await signIn(page);
    expect(page.url()).toBe(`${collector}/dashboard/`);
    expect(urls.filter((url) => url.includes(site.secretKey))).toEqual([]);
    const stored = await page.evaluate(() => JSON.stringify(sessionStorage));
    expect(stored).toContain(site.secretKey);
    expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(site.secretKey);
    await page.reload();
    await waitForPanels(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Secret key').waitFor();
    expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toContain(site.secretKey);
    await page.close();
  });

  it('refuses a wrong key and stays on the sign-in form', async () => {
    const { collector } = inject('stack');
    const page = await browser().newPage();
    await page.goto(`${collector}/dashboard/`);
    await page.getByLabel('Secret key').fill('sk_not_a_real_key');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => text(page, '[role=alert]'), SLOW).toBe('That secret key is not valid.');
    expect(await page.locator('main.grid').count()).toBe(0);
    await page.close();
  });

  it('shows NPS, its distribution, bands, trend and response rate exactly as /v1/scores reports them', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const r = await api<Scores>(
      `/v1/scores?metric=nps&from=${f.from}&to=${f.to}&interval=${f.interval}&compare=previous`,
    );
    if (!r) throw new Error('/v1/scores must exist');
    expect(r.n).toBeGreaterThan(100);
    expect(await text(page, '#nps [data-figure=nps] .value')).toBe(num(r.score));
    expect(await text(page, '#nps [data-ci]')).toBe(interval(r.ci95));
    expect(await text(page, '#nps [data-n]')).toBe(count(r.n));
    expect(await rows(page, '#distribution table')).toEqual(
      Array.from({ length: 11 }, (_, s) => [String(s), count(r.distribution[s] ?? 0)]),
    );
    for (const band of ['promoters', 'passives', 'detractors']) {
      expect(await text(page, `#bands [data-band=${band}] b`)).toBe(count(r.breakdown[band] ?? 0));
    }
    if (r.series) {
      expect(await rows(page, '#nps table')).toEqual(
        r.series.map((p) => [p.label, num(p.score), interval(p.ci95), count(p.n)]),
      );
    } else {
      expect(await text(page, '#nps .nps-head > .not-available')).toBe(
        'The NPS trend is not available on this collector yet.',
      );
    }
    if (r.responseRate === undefined) {
      expect(await text(page, '#response-rate .not-available')).toContain('not available');
    } else if (r.responseRate) {
      expect(await text(page, '#response-rate .value')).toBe(percent(r.responseRate.rate, 1));
    }
    if (r.comparison?.significance) {
      expect(await text(page, '#nps [data-change] b')).toBe(signed(r.comparison.significance.difference, 0));
    }
    await page.close();
  });

  it('shows the CSAT and CES cards with their intervals as /v1/scores reports them', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    for (const metric of ['csat', 'ces'] as const) {
      const r = await api<Scores>(
        `/v1/scores?metric=${metric}&from=${f.from}&to=${f.to}&interval=${f.interval}&compare=previous`,
      );
      if (!r) throw new Error('/v1/scores must exist');
      const digits = scoreDigits(metric);
      expect(r.n, metric).toBeGreaterThan(20);
      expect(await text(page, `#${metric} .value`)).toBe(`${num(r.score, digits)}${metric === 'csat' ? '%' : ' / 7'}`);
      expect(await text(page, `#${metric} [data-ci]`)).toBe(interval(r.ci95, digits));
      expect(await text(page, `#${metric} [data-n]`)).toBe(count(r.n));
      if (r.comparison?.significance) {
        const change = await text(page, `#${metric} [data-change]`);
        expect(change).toContain(signed(r.comparison.significance.difference, digits));
        expect(change).toContain(r.comparison.significance.significant ? 'significant' : 'not significant');
      } else if (!r.comparison) {
        expect(await text(page, `#${metric} .not-available`)).toContain('not available');
      }
    }
    await page.close();
  });

  it('offers the surveys the site has in its picker, and every card then shows that survey alone', async () => {
    const { collector } = inject('stack');
    const created = await fetch(`${collector}/v1/surveys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${site.secretKey}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'Churn check', kind: 'csat', texts: { en: { question: 'Happy with us?' } } }),
    });
    expect(created.status).toBe(201);
    const list = await api<SurveyList>('/v1/surveys');
    if (!list) throw new Error('/v1/surveys must exist');
    expect(list.answered.map((a) => a.id).sort()).toEqual(['ces-support', 'csat-onboarding', 'nps-quarterly']);

    const page = await browser().newPage();
    await signIn(page);
    const picker = page.locator('header select[name=survey]');
    await expect
      .poll(() => picker.locator('option').allTextContents(), SLOW)
      .toEqual(['All surveys', ...surveyOptions(list).map((o) => o.label)]);
    expect(await picker.locator('option').last().textContent()).toBe('Churn check · CSAT · no answers yet');

    await picker.selectOption('ces-support');
    await waitForPanels(page);
    const f = await filters(page);
    const query = `survey=ces-support&from=${f.from}&to=${f.to}&interval=${f.interval}&compare=previous`;
    const ces = await api<Scores>(`/v1/scores?metric=ces&${query}`);
    const nps = await api<Scores>(`/v1/scores?metric=nps&${query}`);
    if (!ces || !nps) throw new Error('/v1/scores must exist');
    expect(ces.n).toBeGreaterThan(20);
    expect(nps.n).toBe(0);
    await expect.poll(() => text(page, '#ces [data-n]'), SLOW).toBe(count(ces.n));
    expect(await text(page, '#ces .value')).toBe(`${num(ces.score, scoreDigits('ces'))} / 7`);
    expect(await text(page, '#nps [data-n]')).toBe('0');
    const shown = await page.locator('#comments li .text').allTextContents();
    const comments = await api<{ comments: { comment: string }[] }>(
      `/v1/comments?metric=nps&survey=ces-support&from=${f.from}&to=${f.to}&limit=10`,
    );
    expect(shown).toEqual(comments?.comments.map((c) => c.comment));
    await page.close();
  });

  it('lists comments newest first and filters them by band, segment and text as /v1/comments does', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const base = `/v1/comments?metric=nps&from=${f.from}&to=${f.to}&limit=10`;
    type Page = { comments: { comment: string; ts: number }[]; next: string | null };
    const all = await api<Page>(base);
    if (!all) throw new Error('/v1/comments must exist');
    expect(all.comments.length).toBe(10);
    const shown = () => page.locator('#comments li .text').allTextContents();
    await expect.poll(shown, SLOW).toEqual(all.comments.map((c) => c.comment));

    await page.locator('#comments select[name=band]').selectOption({ label: 'Detractors (0–6)' });
    await page.locator('#comments input[name=trait]').fill('plan');
    await page.locator('#comments input[name=trait]').press('Tab');
    await page.locator('#comments input[name=value]').fill('free');
    await page.locator('#comments input[name=value]').press('Tab');
    await page.locator('#comments input[name=q]').fill('slow');
    await page.locator('#comments input[name=q]').press('Enter');
    const filtered = await api<Page>(`${base}&min=0&max=6&by=plan&value=free&q=slow`);
    if (!filtered) throw new Error('/v1/comments must exist');
    expect(filtered.comments.length).toBeGreaterThan(0);
    await expect.poll(shown, SLOW).toEqual(filtered.comments.map((c) => c.comment));
    for (const comment of await shown()) expect(comment.toLowerCase()).toContain('slow');
    await page.close();
  });

  it('keeps what is typed in a filter box while a report arrives, and applies it on Enter', async () => {
    const page = await browser().newPage();
    await signIn(page);
    // Hold the comments reads so one lands exactly while the PM is typing.
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/v1/comments?**', async (route) => {
      await held;
      await route.continue();
    });
    await page.locator('#comments select[name=band]').selectOption({ label: 'Detractors (0–6)' });
    await page.locator('#comments[data-state=loading]').waitFor();
    await page.locator('#comments input[name=trait]').fill('plan');
    release();
    await page.locator('#comments[data-state=ok]').waitFor(SLOW);
    expect(await page.locator('#comments input[name=trait]').inputValue()).toBe('plan');
    await page.unroute('**/v1/comments?**');

    const f = await filters(page);
    const wanted = await api<{ comments: { comment: string }[] }>(
      `/v1/comments?metric=nps&from=${f.from}&to=${f.to}&limit=10&min=0&max=6&by=plan&value=free`,
    );
    await page.locator('#comments input[name=value]').fill('free');
    await page.locator('#comments input[name=value]').press('Enter');
    await expect
      .poll(() => page.locator('#comments li .text').allTextContents(), SLOW)
      .toEqual(wanted?.comments.map((c) => c.comment));
    await page.close();
  });

  it('shows segments by any trait as /v1/scores?by= reports them', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const read = (trait: string) =>
      api<Scores>(`/v1/scores?metric=nps&from=${f.from}&to=${f.to}&interval=${f.interval}&by=${trait}`);
    for (const trait of ['plan', 'country']) {
      if (trait !== 'plan') {
        await page.locator('#segments input[name=trait]').fill(trait);
        await page.locator('#segments input[name=trait]').press('Enter');
      }
      const r = await read(trait);
      if (!r) throw new Error('/v1/scores must exist');
      if (r.segments) {
        const expected = r.segments.map((s) => [s.value, num(s.score), interval(s.ci95), count(s.n)]);
        await expect.poll(() => rows(page, '#segments table'), SLOW).toEqual(expected);
      } else {
        await expect.poll(() => text(page, '#segments .not-available'), SLOW).toContain('not available');
      }
    }
    await page.close();
  });

  it('shows events per day from the daily counts, as GET /v1/events/daily gives them', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const daily = await api<{ total: number; days: { day: string; n: number }[]; names: { name: string }[] }>(
      `/v1/events/daily?from=${f.from}&to=${f.to}`,
    );
    expect(daily?.total).toBeGreaterThan(0);
    await page.locator('#events[data-state=ok]').waitFor(SLOW);
    expect(await text(page, '#events [data-figure=events] .value')).toBe(count(daily?.total ?? 0));
    expect(await page.locator('#events svg rect').count()).toBeGreaterThanOrEqual(
      daily?.days.filter((d) => d.n > 0).length ?? 1,
    );
    expect(await text(page, '#events p.muted')).toContain(daily?.names[0]?.name ?? '');
    await page.close();
  });

  it('shows the event metrics as their reports give them, and "not available" where the route is missing', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const range = `from=${f.from}&to=${f.to}`;
    const figure = (panel: string, name: string) => text(page, `#${panel} [data-figure=${name}] .value`);
    const expectMissing = async (panel: string) => {
      expect(await page.locator(`#${panel}`).getAttribute('data-state')).toBe('missing');
      expect(await text(page, `#${panel} .not-available`)).toBe('Not available on this collector yet.');
    };

    const ttv = await api<Record<string, number>>(`/v1/ttv?${range}&cohort=week`);
    if (ttv) {
      expect(await figure('ttv', 'started')).toBe(count(ttv.started));
      expect(await figure('ttv', 'reached')).toBe(count(ttv.reached));
      expect(await figure('ttv', 'conversion')).toBe(percent(ttv.conversion, 1));
      expect(await figure('ttv', 'kmMedian')).toBe(duration(ttv.kmMedian));
    } else await expectMissing('ttv');

    const durations = await api<Record<string, number>>(
      `/v1/durations?${range}&start=ticket_opened&end=ticket_resolved`,
    );
    if (durations) {
      expect(await figure('durations', 'resolved')).toBe(count(durations.n));
      expect(await figure('durations', 'p50')).toBe(duration(durations.p50));
      expect(await figure('durations', 'open')).toBe(count(durations.open));
    } else await expectMissing('durations');

    const retention = await api<{ churnRate: number; cohorts: { cohort: string; retained: number[] }[] }>(
      `/v1/retention?${range}&interval=${f.interval === 'month' ? 'month' : 'week'}`,
    );
    if (retention) {
      expect(await figure('retention', 'churnRate')).toBe(percent(retention.churnRate, 1));
      const heat = await rows(page, '#retention table.heatmap');
      expect(heat.map((row) => [row[0], ...row.slice(2)])).toEqual(
        retention.cohorts.map((c) => [c.cohort, ...c.retained.map((share) => percent(share, 0))]),
      );
    } else await expectMissing('retention');

    const revenue = await api<Record<string, number>>(`/v1/revenue?${range}`);
    if (revenue) {
      expect(await figure('revenue', 'net')).toBe(money(revenue.net));
      expect(await figure('revenue', 'nrr')).toBe(percent(revenue.nrr, 1));
      // The panel says which events only the backend may write (the site's trustedEvents).
      expect(await text(page, '#revenue .trusted')).toContain('Only your backend writes revenue, churned');
    } else await expectMissing('revenue');

    const health = await api<{ total: number; atRisk: { account: string; score: number }[] }>('/v1/health?limit=10');
    if (health) {
      expect(await figure('health', 'total')).toBe(count(health.total));
      const atRisk = await rows(page, '#health table');
      expect(atRisk.map((row) => [row[0], row[1]])).toEqual(health.atRisk.map((a) => [a.account, num(a.score)]));
    } else await expectMissing('health');
    await page.close();
  });

  it('exports the answers as CSV and NDJSON downloads when the collector offers /v1/export', async () => {
    const page = await browser().newPage();
    await signIn(page);
    const f = await filters(page);
    const { collector } = inject('stack');
    const probe = await fetch(`${collector}/v1/export?format=ndjson&from=${f.from}&to=${f.to}`, {
      headers: { Authorization: `Bearer ${site.secretKey}` },
    });
    if (probe.status === 404) {
      await page.getByRole('button', { name: 'Export CSV' }).click();
      await expect
        .poll(() => text(page, '#export [role=status]'), SLOW)
        .toBe('Export is not available on this collector yet.');
    } else {
      // The same query the dashboard sends; the seeded site has hundreds of answers in the range.
      const expected = (await probe.text()).trim().split('\n').length;
      expect(expected).toBeGreaterThan(100);
      for (const format of ['csv', 'ndjson'] as const) {
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: `Export ${format.toUpperCase()}` }).click();
        const file = await download;
        expect(file.suggestedFilename()).toMatch(new RegExp(`\\.${format}$`));
        const body = readFileSync((await file.path()) ?? '', 'utf8').trim();
        if (format === 'ndjson') {
          const lines = body.split('\n').map((line) => JSON.parse(line) as { id: string });
          expect(lines.length).toBe(expected);
          expect(new Set(lines.map((line) => line.id)).size).toBe(expected);
        } else {
          const [header, ...records] = body.split('\n');
          expect(header).toContain('score');
          expect(records.length).toBe(expected);
        }
      }
    }
    await page.close();
  });

  it('fits a 375 px screen without sideways scrolling, and saves light and dark screenshots, wide and at 375 px', async () => {
    const narrow = await browser().newPage({ viewport: { width: 375, height: 800 } });
    await signIn(narrow);
    const widths = await narrow.evaluate(() => [document.documentElement.scrollWidth, innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1] ?? 0);
    await narrow.close();

    // The README's and docs/dashboard.md's pictures are refreshed with HEARD_SCREENSHOTS=1; a plain run writes to tests/artifacts.
    const shots = process.env.HEARD_SCREENSHOTS ? `${root}docs/screenshots` : `${root}tests/artifacts`;
    mkdirSync(shots, { recursive: true });
    for (const colorScheme of ['light', 'dark'] as const) {
      const phone = await browser().newPage({ viewport: { width: 375, height: 800 }, colorScheme });
      await signIn(phone);
      await phone.screenshot({ path: `${shots}/dashboard-375-${colorScheme}.png` });
      await phone.close();
    }
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await browser().newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
      await signIn(page);
      const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe(colorScheme === 'light' ? 'rgb(246, 247, 249)' : 'rgb(15, 17, 21)');
      await page.screenshot({ path: `${shots}/dashboard-${colorScheme}.png`, fullPage: true });
      await page.close();
    }
  });
});
