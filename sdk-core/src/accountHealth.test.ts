import { describe, expect, it } from 'vitest';
import { accountHealth, accountSignals, answerPoints, atRisk, cellScoreRange, TICKETS_TO_ZERO } from './accountHealth';
import { DAY_MS as DAY } from './constants';
import { DEFAULT_SITE_SETTINGS } from './successSettings';

const options = { weights: DEFAULT_SITE_SETTINGS.health.weights, now: 100 * DAY, inactivityDays: 30 };

describe('accountHealth', () => {
  it('shows each part and weighs the known ones', () => {
    const health = accountHealth(
      {
        account: 'acme',
        nps: { score: 8, scale: [0, 10], direction: 'higher-better' },
        csat: null,
        ces: { score: 6, scale: [1, 7], direction: 'higher-better' },
        lastActive: 85 * DAY,
        ttvReached: true,
        openTickets: 1,
      },
      options,
    );
    expect(health.parts.nps).toEqual({ value: 80, weight: 25 });
    expect(health.parts.csat).toEqual({ value: null, weight: 10 });
    expect(health.parts.ces.value).toBeCloseTo(500 / 6, 10);
    expect(health.parts.recency).toEqual({ value: 50, weight: 25 });
    expect(health.parts.ttv).toEqual({ value: 100, weight: 15 });
    expect(health.parts.tickets).toEqual({ value: 75, weight: 15 });
    // (80·25 + 83.33·10 + 50·25 + 100·15 + 75·15) ÷ (25 + 10 + 25 + 15 + 15) = 6708.33 ÷ 90
    expect(health.score).toBeCloseTo(6708.3333 / 90, 3);
  });

  it('flips lower-is-better scales', () => {
    expect(answerPoints({ score: 2, scale: [1, 5], direction: 'lower-better' })).toBe(75);
  });

  it('lists accounts under the threshold, worst first', () => {
    const make = (account: string, lastActive: number | null, openTickets: number) =>
      accountHealth(
        { account, nps: null, csat: null, ces: null, lastActive, ttvReached: null, openTickets },
        { ...options, weights: { ...options.weights, tickets: 0 } },
      );
    const list = atRisk([make('fine', 100 * DAY, 0), make('quiet', 82 * DAY, 0), make('gone', 10 * DAY, 4)], 50);
    expect(list.map((a) => [a.account, a.score])).toEqual([
      ['gone', 0],
      ['quiet', 40],
    ]);
  });
});

describe('accountSignals', () => {
  it('takes the latest answer across an account, its latest activity, TTV and open tickets', () => {
    const answer = (score: number) => ({ score, scale: [0, 10] as const, direction: 'higher-better' as const });
    const signals = accountSignals({
      users: [
        { userKey: 'u1', account: 'acme', lastActive: 10 },
        { userKey: 'u2', account: 'acme', lastActive: 30 },
        { userKey: 'u3', account: 'u3', lastActive: null },
      ],
      answers: [
        { userKey: 'u1', kind: 'nps', ts: 5, answer: answer(9) },
        { userKey: 'u2', kind: 'nps', ts: 7, answer: answer(3) },
        { userKey: 'stranger', kind: 'nps', ts: 7, answer: answer(3) },
      ],
      started: new Set(['u1', 'u2', 'u3']),
      reached: new Set(['u2']),
      openTickets: [
        { userKey: 'u1', account: null },
        { userKey: 'u3', account: 'acme' },
        { userKey: 'u3', account: null },
      ],
    });
    expect(signals).toEqual([
      { account: 'acme', nps: answer(3), csat: null, ces: null, lastActive: 30, ttvReached: true, openTickets: 2 },
      { account: 'u3', nps: null, csat: null, ces: null, lastActive: null, ttvReached: false, openTickets: 1 },
    ]);
  });
});

describe('cellScoreRange', () => {
  const scoring = {
    weights: { nps: 0, csat: 0, ces: 0, recency: 1, ttv: 0, tickets: 1 },
    now: 100 * DAY,
    inactivityDays: 30,
  };
  const cell = { nps: null, csat: null, ces: null, ttvReached: null, openTickets: 0, lastDay: 70 };

  it('bounds a day’s accounts by its first and last millisecond, with the cell’s open tickets', () => {
    // Day 70 starts 30 days before now (recency 0) and ends 29 days + 1 ms before (recency 100/30 − ε).
    const last = 100 * (1 - (29 * DAY + 1) / (30 * DAY));
    expect(cellScoreRange(cell, scoring)).toEqual({ lo: 50, hi: (last + 100) / 2 });
    expect(cellScoreRange({ ...cell, openTickets: 2 }, scoring)).toEqual({ lo: 25, hi: (last + 50) / 2 });
    expect(cellScoreRange({ ...cell, openTickets: 1, lastDay: null }, scoring)).toEqual({ lo: 75, hi: 75 });
  });

  it('counts tickets up to the number that takes the part to 0: more score alike', () => {
    expect(TICKETS_TO_ZERO).toBe(4);
    const at = (openTickets: number) =>
      accountHealth(
        { account: 'a', nps: null, csat: null, ces: null, lastActive: null, ttvReached: null, openTickets },
        scoring,
      );
    expect(at(3).parts.tickets.value).toBe(25);
    expect(at(4).parts.tickets.value).toBe(0);
    expect(at(9)).toEqual(at(4));
    expect(cellScoreRange({ ...cell, openTickets: 4, lastDay: null }, scoring)).toEqual({ lo: 0, hi: 0 });
  });
});
