import { describe, expect, it } from 'vitest';
import {
  changeAlertMessage,
  describeChange,
  digestMessage,
  digestWindow,
  formatDifference,
  formatScore,
} from './digest';
import type { Digest } from './protocol/themes';
import { LOW_SAMPLE } from './significance';

describe('digestWindow', () => {
  it('is the last complete day or ISO week in the time zone, with the period before', () => {
    // Tuesday 2026-12-01 08:00 UTC: already Tuesday in Tokyo and in UTC, still Monday night 03:00 in New York.
    const now = Date.parse('2026-12-01T08:00:00Z');
    expect(digestWindow('day', now, 'UTC')).toEqual({
      period: 'day',
      key: '2026-11-30',
      from: '2026-11-30',
      to: '2026-11-30',
      previous: { from: '2026-11-29', to: '2026-11-29' },
    });
    expect(digestWindow('day', now, 'America/New_York').key).toBe('2026-11-30');
    expect(digestWindow('day', Date.parse('2026-12-01T03:00:00Z'), 'America/New_York').key).toBe('2026-11-29');
    expect(digestWindow('week', now, 'UTC')).toEqual({
      period: 'week',
      key: '2026-W48',
      from: '2026-11-23',
      to: '2026-11-29',
      previous: { from: '2026-11-16', to: '2026-11-22' },
    });
    // Monday 00:30 in Tokyo is still Sunday in UTC: Tokyo's last week is complete, UTC's is not.
    const mondayTokyo = Date.parse('2026-11-29T15:30:00Z');
    expect(digestWindow('week', mondayTokyo, 'Asia/Tokyo').key).toBe('2026-W48');
    expect(digestWindow('week', mondayTokyo, 'UTC').key).toBe('2026-W47');
    // The ISO year of the first days of January.
    expect(digestWindow('week', Date.parse('2027-01-05T12:00:00Z'), 'UTC')).toMatchObject({
      key: '2026-W53',
      from: '2026-12-28',
      to: '2027-01-03',
    });
  });
});

describe('figures in words', () => {
  it('formats each metric in its unit', () => {
    expect([formatScore('nps', 41.6), formatScore('nps', -3.2), formatScore('nps', 0.4)]).toEqual(['+42', '−3', '0']);
    expect(formatScore('csat', 82.4)).toBe('82%');
    expect(formatScore('ces', 5.44)).toBe('5.4');
    expect(formatScore('nps', null)).toBe('–');
    expect(formatDifference('nps', -12.3)).toBe('−12 pts');
    expect(formatDifference('ces', 0.004)).toBe('±0.00 points');
  });

  it('never calls a low-sample change significant, and says why', () => {
    const change = {
      test: 'nps-z' as const,
      difference: 60,
      se: 10,
      z: 6,
      p: 2e-9,
      significant: false,
      reason: LOW_SAMPLE,
    };
    expect(describeChange('nps', change)).toBe(`+60 pts · not significant: ${LOW_SAMPLE}`);
    expect(describeChange('nps', { ...change, significant: true, reason: undefined })).toBe(
      '▲ +60 pts · significant (p < 0.001)',
    );
    expect(describeChange('nps', null)).toBe('nothing to compare with');
  });
});

const digest: Digest = {
  period: 'week',
  key: '2026-W48',
  from: '2026-11-23',
  to: '2026-11-29',
  tz: 'UTC',
  previous: { from: '2026-11-16', to: '2026-11-22' },
  scores: [
    {
      metric: 'nps',
      current: { n: 120, score: 30, ci95: [18, 42], lowSample: false, breakdown: {}, mean: 8 },
      previous: { n: 100, score: 10, ci95: [-4, 24], lowSample: false, breakdown: {}, mean: 7 },
      change: { test: 'nps-z', difference: 20, se: 9.4, z: 2.13, p: 0.033, significant: true },
      responseRate: { answered: 120, shown: 600, rate: 0.2 },
      themes: [],
      low: { n: 14, oldestTs: 0, waitedHours: 50 },
    },
  ],
  atRisk: { total: 2, newly: [{ account: '<!channel> acme', score: 31 }], since: '2026-W47' },
  quiet: false,
};

describe('digestMessage', () => {
  it('is Slack Block Kit with the figures, text for notifications, and the digest as data; visitor text is inert', () => {
    const message = digestMessage('Acme', digest);
    expect(message.blocks.map((b) => (b as { type: string }).type)).toEqual([
      'header',
      'context',
      'divider',
      'section',
      'divider',
      'section',
      'context',
    ]);
    const fields = (message.blocks[3] as { fields: { text: string }[] }).fields.map((f) => f.text);
    expect(fields).toEqual([
      '*NPS*\n+30 (n = 120; was +10, n = 100)',
      '*Change*\n▲ +20 pts · significant (p = 0.033)',
      '*Response rate*\n20% (120 of 600 shown)',
      '*Low answers*\n14, the oldest waiting 2 d 2 h',
    ]);
    const risk = JSON.stringify(message.blocks[5]);
    expect(risk).toContain('&lt;!channel&gt; acme');
    expect(risk).not.toContain('<!channel>');
    expect(message.text).toContain('Acme: your weekly digest, week 2026-W48');
    expect(message.heard).toEqual({ type: 'digest', digest });
  });

  it('a change alert carries the figures of the test', () => {
    const message = changeAlertMessage('Acme', {
      metric: 'nps',
      period: 'day',
      key: '2026-11-30',
      from: '2026-11-30',
      to: '2026-11-30',
      tz: 'UTC',
      current: { n: 80, score: -5, ci95: [-20, 10] },
      previous: { n: 90, score: 25, ci95: [11, 39] },
      change: { test: 'nps-z', difference: -30, se: 10.3, z: -2.91, p: 0.0036, significant: true },
    });
    expect(message.text).toBe('Acme: NPS fell from +25 to −5 on 2026-11-30\n−30 pts, p = 0.004 (nps-z, z = -2.91)');
  });
});
