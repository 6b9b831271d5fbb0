// The digest's periods and its Slack-compatible messages, and the change alert's
// (docs/themes-digest.md shows one rendered).
import { addDays, bucketStart, dayIn, isoWeek, previousPeriod } from './calendar';
import type { Kind } from './constants';
import type { Digest } from './protocol/themes';
import type { Significance } from './significance';
import { slackText } from './webhookMessage';

/** A digest's period: the last complete day, or ISO week (Monday first), in the site's time zone. */
export type DigestPeriod = 'week' | 'day';

/** The window of a period. */
export interface DigestWindow {
  period: DigestPeriod;
  /** `2026-11-30` (day) or `2026-W48` (week): the period's name and its post's idempotency key. */
  key: string;
  from: string;
  to: string;
  previous: { from: string; to: string };
}

/**
 * The last complete period at `now` in a time zone, and the one before it.
 * @example digestWindow('week', Date.parse('2026-12-01T08:00:00Z'), 'UTC') // 2026-W48: 2026-11-23…29
 */
export function digestWindow(period: DigestPeriod, now: number, tz: string): DigestWindow {
  const today = dayIn(now, tz);
  const from = period === 'day' ? addDays(today, -1) : addDays(bucketStart(today, 'week'), -7);
  const to = period === 'day' ? from : addDays(from, 6);
  return { period, key: period === 'day' ? from : isoWeek(from), from, to, previous: previousPeriod(from, to) };
}

const LABEL: Record<Kind, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/**
 * A score as people read it: NPS as a signed whole number, CSAT as a percentage, CES to one decimal.
 * @example formatScore('nps', 41.6) // '+42'
 */
export function formatScore(metric: Kind, score: number | null): string {
  if (score === null) return '–';
  if (metric === 'nps') {
    const rounded = Math.round(score);
    return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${-rounded}` : '0';
  }
  return metric === 'csat' ? `${Math.round(score)}%` : score.toFixed(1);
}

/** A difference in the metric's unit, signed: NPS and CSAT in points, CES in scale points. */
export function formatDifference(metric: Kind, difference: number): string {
  const digits = metric === 'ces' ? 2 : 0;
  const value = Math.abs(difference).toFixed(digits);
  const sign = Number(value) === 0 ? '±' : difference > 0 ? '+' : '−';
  return `${sign}${value} ${metric === 'ces' ? 'points' : 'pts'}`;
}

const formatP = (p: number | null) => (p === null ? '' : p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** A change in words: its size and whether it is significant, or why that cannot be said. */
export function describeChange(metric: Kind, change: Significance | null): string {
  if (!change) return 'nothing to compare with';
  const size = formatDifference(metric, change.difference);
  if (change.significant) return `${change.difference > 0 ? '▲' : '▼'} ${size} · significant (${formatP(change.p)})`;
  if (change.reason) return `${size} · not significant: ${change.reason}`;
  return `${size} · not significant (${formatP(change.p)})`;
}

const hours = (h: number | null) => {
  if (h === null) return '';
  const whole = Math.floor(h);
  return whole >= 24 ? `${Math.floor(whole / 24)} d ${whole % 24} h` : `${whole} h`;
};

const periodName = (d: Pick<Digest, 'period' | 'key'>) => (d.period === 'week' ? `week ${d.key}` : d.key);

/**
 * The digest as a Slack-compatible message: `text` for notifications, Block Kit `blocks`
 * (header, section with fields, divider, context), and `heard` with the digest itself for
 * receivers that are not Slack. Visitor-written text (comments, account names) is escaped.
 */
export function digestMessage(siteName: string, digest: Digest) {
  const site = slackText(siteName);
  const headline = `${siteName}: your ${digest.period === 'week' ? 'weekly' : 'daily'} digest, ${periodName(digest)}`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: headline.slice(0, 150) } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${digest.from} – ${digest.to} (${digest.tz}), compared with ${digest.previous.from} – ${digest.previous.to}`,
        },
      ],
    },
  ];
  const lines: string[] = [];
  for (const s of digest.scores) {
    const label = LABEL[s.metric];
    const rate = s.responseRate
      ? `${Math.round(s.responseRate.rate * 100)}% (${s.responseRate.answered} of ${s.responseRate.shown} shown)`
      : 'no prompts recorded';
    const low = s.low.n ? `${s.low.n}, the oldest waiting ${hours(s.low.waitedHours)}` : 'none';
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        fields: [
          {
            type: 'mrkdwn',
            text: `*${label}*\n${formatScore(s.metric, s.current.score)} (n = ${s.current.n}; was ${formatScore(s.metric, s.previous.score)}, n = ${s.previous.n})`,
          },
          { type: 'mrkdwn', text: `*Change*\n${describeChange(s.metric, s.change)}` },
          { type: 'mrkdwn', text: `*Response rate*\n${rate}` },
          { type: 'mrkdwn', text: `*Low answers*\n${low}` },
        ],
      },
    );
    if (s.themes.length > 0) {
      const themes = s.themes.slice(0, 5).map((t) => {
        const share = `${Math.round(t.share * 100)}% of comments${t.previousShare === null ? '' : ` (${Math.round(t.previousShare * 100)}% before)`}`;
        const interval = t.ci95
          ? ` [${formatDifference(s.metric, t.ci95[0])}, ${formatDifference(s.metric, t.ci95[1])}]`
          : '';
        return `• *${slackText(t.name)}* — ${share}, ${formatDifference(s.metric, t.difference ?? 0)}${interval}`;
      });
      blocks.push({
        type: 'section',
        text: { type: 'mrkdwn', text: `*Themes that moved ${label}*\n${themes.join('\n')}` },
      });
    }
    lines.push(`${label} ${formatScore(s.metric, s.current.score)} (${describeChange(s.metric, s.change)})`);
  }
  const { atRisk } = digest;
  if (atRisk.newly.length > 0) {
    const listed = atRisk.newly
      .slice(0, 10)
      .map((a) => `• ${slackText(a.account)} (health ${a.score === null ? '–' : Math.round(a.score)})`);
    const more = atRisk.newly.length > 10 ? [`…and ${atRisk.newly.length - 10} more`] : [];
    blocks.push(
      { type: 'divider' },
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `*Accounts newly at risk* (${atRisk.newly.length} of ${atRisk.total} at risk)\n${[...listed, ...more].join('\n')}`,
        },
      },
    );
    lines.push(`${atRisk.newly.length} accounts newly at risk`);
  }
  blocks.push({
    type: 'context',
    elements: [{ type: 'mrkdwn', text: `${site} · Heard · GET /v1/digest?period=${digest.period}` }],
  });
  return {
    text: `${slackText(headline)}\n${lines.join('\n')}`,
    blocks,
    heard: { type: 'digest' as const, digest },
  };
}

/** What a change alert reports: one metric's significant change over its period. */
export interface ChangeAlert {
  metric: Kind;
  period: DigestPeriod;
  key: string;
  from: string;
  to: string;
  tz: string;
  current: { n: number; score: number | null; ci95: [number, number] | null };
  previous: { n: number; score: number | null; ci95: [number, number] | null };
  change: Significance;
}

/** A significant change of a score as a Slack-compatible message, with the figures. */
export function changeAlertMessage(siteName: string, alert: ChangeAlert) {
  const label = LABEL[alert.metric];
  const verb = alert.change.difference > 0 ? 'rose' : 'fell';
  const when = alert.period === 'week' ? `in week ${alert.key}` : `on ${alert.key}`;
  const headline = `${slackText(siteName)}: ${label} ${verb} from ${formatScore(alert.metric, alert.previous.score)} to ${formatScore(alert.metric, alert.current.score)} ${when}`;
  const ci = (c: [number, number] | null) =>
    c ? ` [${formatScore(alert.metric, c[0])}, ${formatScore(alert.metric, c[1])}]` : '';
  const figures = [
    `${formatDifference(alert.metric, alert.change.difference)}, ${formatP(alert.change.p)} (${alert.change.test}, z = ${alert.change.z?.toFixed(2)})`,
    `this ${alert.period}: ${formatScore(alert.metric, alert.current.score)}${ci(alert.current.ci95)}, n = ${alert.current.n}`,
    `the ${alert.period} before: ${formatScore(alert.metric, alert.previous.score)}${ci(alert.previous.ci95)}, n = ${alert.previous.n}`,
  ];
  return {
    text: `${headline}\n${figures[0]}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${headline}*\n${figures.join('\n')}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: `${alert.from} – ${alert.to} (${alert.tz}) · significant at 95%` }],
      },
    ],
    heard: { type: 'change' as const, alert },
  };
}
