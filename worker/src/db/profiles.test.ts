import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { event, track } from '../../test/events';
import { collect, newSite, npsAnswer } from '../../test/helpers';

const profile = (siteId: string, userKey: string) =>
  env.DB.prepare('SELECT first_ts, last_ts, traits FROM user_profiles WHERE site_id = ? AND user_key = ?')
    .bind(siteId, userKey)
    .first<{ first_ts: number | null; last_ts: number | null; traits: string }>();

describe('user profiles (migration 0004 triggers)', () => {
  it('keep first and last activity whatever order events arrive in', async () => {
    const site = await newSite();
    const t = Date.now() - 60_000;
    await track(site.publicKey, [event('page_viewed', 'u', t)]);
    await track(site.publicKey, [event('page_viewed', 'u', t - 5000), event('page_viewed', 'u', t + 5000)]);
    expect(await profile(site.id, 'u')).toMatchObject({ first_ts: t - 5000, last_ts: t + 5000 });
  });

  it('merge traits from identify events and answers, the newer value of each trait winning', async () => {
    const site = await newSite();
    const t = Date.now() - 60_000;
    await track(site.publicKey, [event('identify', 'u', t, { props: { plan: 'pro' } })]);
    // An older identify arriving late adds its new trait but does not undo the newer plan.
    await track(site.publicKey, [event('identify', 'u', t - 1000, { props: { plan: 'free', country: 'de' } })]);
    expect(JSON.parse((await profile(site.id, 'u'))?.traits ?? '')).toEqual({ plan: 'pro', country: 'de' });
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(9, { userId: 'u', traits: { plan: 'team' }, ts: t + 1000 })],
    });
    expect(JSON.parse((await profile(site.id, 'u'))?.traits ?? '')).toEqual({ plan: 'team', country: 'de' });
  });

  it('keep the newer value of each trait on its own, whatever the order of arrival', async () => {
    const site = await newSite();
    const t = Date.now() - 60_000;
    // Arrival order: country at t, then plan 'free' from t − 2 s, then plan 'pro' from t − 1 s.
    // Per trait, the newest is country 'de' (t) and plan 'pro' (t − 1 s): one timestamp for all
    // traits (t) made both late plans "older" and kept the first of them, 'free'.
    await track(site.publicKey, [event('identify', 'u', t, { props: { country: 'de' } })]);
    await track(site.publicKey, [event('identify', 'u', t - 2000, { props: { plan: 'free', beta: true } })]);
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(9, { userId: 'u', traits: { plan: 'pro', seats: 5 }, ts: t - 1000 })],
    });
    expect(JSON.parse((await profile(site.id, 'u'))?.traits ?? '')).toEqual({
      country: 'de',
      plan: 'pro',
      beta: true,
      seats: 5,
    });
    // An even older plan changes nothing; a newer country replaces only the country.
    await track(site.publicKey, [
      event('identify', 'u', t - 3000, { props: { plan: 'team' } }),
      event('identify', 'u', t + 1000, { props: { country: 'fr' } }),
    ]);
    expect(JSON.parse((await profile(site.id, 'u'))?.traits ?? '')).toEqual({
      country: 'fr',
      plan: 'pro',
      beta: true,
      seats: 5,
    });
  });

  it('do not count answering a survey as product activity', async () => {
    const site = await newSite();
    await collect({
      site: site.publicKey,
      answers: [npsAnswer(9, { userId: 'only-answered', traits: { plan: 'pro' } })],
    });
    expect(await profile(site.id, 'only-answered')).toMatchObject({ first_ts: null, last_ts: null });
  });
});
