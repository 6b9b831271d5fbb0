import type { ActiveSurveys, Survey } from '@heard/core';
import { describe, expect, it } from 'vitest';
import { call, collect, newSite, ORIGIN } from '../test/helpers';

const DAY = 86_400_000;

async function create(secretKey: string, body: unknown): Promise<Survey> {
  const response = await call('/v1/surveys', {
    method: 'POST',
    headers: { Authorization: `Bearer ${secretKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return response.json();
}

const active = async (publicKey: string, user: string) => {
  const response = await call(`/v1/surveys/active?site=${publicKey}&user=${user}`, { headers: { Origin: ORIGIN } });
  expect(response.status).toBe(200);
  return { body: (await response.json()) as ActiveSurveys, etag: response.headers.get('ETag') };
};

/** Waits out the last seconds of a minute, so the requests that follow fall in one minute. */
async function awayFromMinuteEnd() {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 8000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('GET /v1/surveys/active?user=', () => {
  it('answers the same for an id never seen as for a stored one with nothing that applies', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey, {
      name: 'NPS after a month',
      kind: 'nps',
      texts: { default: { question: 'How likely…?' } },
      targeting: { afterDays: { days: 30, since: 'first_seen' }, recontactDays: 30 },
      status: 'active',
    });
    const now = Date.now();
    await collect({
      site: site.publicKey,
      events: [
        { id: crypto.randomUUID(), name: 'signed_up', userId: 'newcomer', ts: now - 2 * DAY },
        { id: crypto.randomUUID(), name: 'page', userId: 'lapsed', ts: now - 20 * DAY },
      ],
      displays: [
        // Prompted long ago: no rule needs this any more.
        {
          id: crypto.randomUUID(),
          kind: 'nps',
          action: 'shown',
          survey: survey.id,
          userId: 'lapsed',
          ts: now - 60 * DAY,
        },
        {
          id: crypto.randomUUID(),
          kind: 'nps',
          action: 'shown',
          survey: 'old-survey',
          userId: 'lapsed',
          ts: now - 50 * DAY,
        },
      ],
    });
    await awayFromMinuteEnd();
    const [ghost, newcomer, lapsed] = await Promise.all(
      ['ghost-4711', 'newcomer', 'lapsed'].map((u) => active(site.publicKey, u)),
    );
    expect(newcomer).toEqual(ghost);
    expect(lapsed).toEqual(ghost);
    expect(ghost?.body.contacts).toEqual([]);
  });

  it('gives the threshold a user passed, not their dates, and only the prompts that still block', async () => {
    const site = await newSite();
    const survey = await create(site.secretKey, {
      name: 'NPS after a month',
      kind: 'nps',
      texts: { default: { question: 'How likely…?' } },
      targeting: { afterDays: { days: 30, since: 'first_seen' }, recontactDays: 90, dismissDays: 14 },
      status: 'active',
    });
    const now = Date.now();
    const shown = (days: number, action = 'shown', id = survey.id) => ({
      id: crypto.randomUUID(),
      kind: 'nps',
      action,
      survey: id,
      userId: 'veteran',
      ts: now - days * DAY,
    });
    await collect({
      site: site.publicKey,
      events: [{ id: crypto.randomUUID(), name: 'page', userId: 'veteran', ts: now - 45 * DAY }],
      displays: [shown(80), shown(40), shown(20, 'dismissed', 'other-survey'), shown(3, 'shown', 'other-survey')],
    });
    const { body } = await active(site.publicKey, 'veteran');
    const minute = body.firstSeen ?? 0;
    // Passed the 30-day threshold: that, to the minute, not the 45 days.
    expect(Date.now() - minute - 30 * DAY).toBeGreaterThanOrEqual(0);
    expect(Date.now() - minute - 30 * DAY).toBeLessThan(70_000);
    // The prompt 40 days ago blocks (90 days); the one at 80 days adds nothing; the latest prompt
    // (3 days ago, of a survey that is not running) is kept for the global cool-down, without its id.
    expect(body.contacts).toEqual([
      { survey: survey.id, ts: now - 40 * DAY, dismissed: false },
      { survey: '', ts: now - 3 * DAY, dismissed: false },
    ]);
  });
});
