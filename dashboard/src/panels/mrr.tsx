// The MRR panel: movements from Stripe (GET /v1/mrr) per month or week as a diverging stack
// with ending MRR as a line, NRR and GRR, every period's movements and payments as tables; and
// what feedback adds: the MRR at risk, NPS by MRR band, the churned accounts' last answers.
import type { MrrResponse } from '@heard/core';
import { type Filters, type HeardClient, mrr } from '../api';
import { DataTable, Frame, H, PAD, W } from '../charts';
import { compact, count, interval, isoDay, money, num, percent } from '../format';
import { Figure, Panel, useReport } from '../report';

type Period = MrrResponse['periods'][number];
type Move = 'new' | 'expansion' | 'reactivation' | 'contraction' | 'churned';
const UP: Move[] = ['new', 'expansion', 'reactivation'];
const DOWN: Move[] = ['contraction', 'churned'];
const MOVE_NAMES = ['New', 'Expansion', 'Reactivation', 'Contraction', 'Churned'];

/**
 * Movements per period as a diverging stack on the left axis (gains above zero, losses below,
 * one scale for both), ending MRR as a line with points on the right axis, from 0.
 */
function Movements(props: { label: string; periods: Period[] }) {
  const { periods } = props;
  const right = W - PAD.left;
  // 10 units below the usual top and 8 above the usual foot, so on a phone the highest tick's
  // label stays inside the chart and the lowest one clears the period labels.
  const top = PAD.top + 10;
  const bottom = H - PAD.bottom - 8;
  const total = (p: Period, keys: Move[]) => keys.reduce((sum, k) => sum + p[k], 0);
  const hi = Math.max(0, ...periods.map((p) => total(p, UP)));
  const lo = Math.max(0, ...periods.map((p) => total(p, DOWN)));
  const k = (bottom - top) / (hi + lo || 1);
  const zero = top + hi * k;
  const endMax = Math.max(1, ...periods.map((p) => p.end));
  const yEnd = (v: number) => bottom - (v / endMax) * (bottom - top);
  const slot = (right - PAD.left) / Math.max(1, periods.length);
  const cx = (i: number) => PAD.left + slot * (i + 0.5);
  const labelEvery = Math.max(1, Math.ceil(periods.length / 3));
  const stack = (p: Period, keys: Move[], sign: 1 | -1, i: number) => {
    let at = 0;
    return keys.map((m) => {
      const v = p[m];
      at += v;
      return v > 0 ? (
        <rect
          key={m}
          class={`mrr-${m}`}
          data-movement={m}
          x={cx(i) - slot * 0.3}
          y={sign > 0 ? zero - at * k : zero + (at - v) * k}
          width={slot * 0.6}
          height={v * k}
        />
      ) : null;
    });
  };
  return (
    <Frame label={props.label}>
      {/* Zero and the extremes; an extreme too close to zero for its label is left out. */}
      {[hi, 0, -lo]
        .filter((t, i) => i === 1 || Math.abs(t) * k >= 30)
        .map((t) => (
          <g key={t} class="grid" data-tick={t}>
            <line x1={PAD.left} x2={right} y1={zero - t * k} y2={zero - t * k} />
            <text x={PAD.left - 6} y={zero - t * k + 4} text-anchor="end">
              {compact(t)}
            </text>
          </g>
        ))}
      {[0, endMax / 2, endMax].map((t) => (
        <text key={t} data-end-tick={t} x={right + 6} y={yEnd(t) + 4}>
          {compact(t)}
        </text>
      ))}
      {periods.map((p, i) => (
        <g key={p.period} data-period={p.period}>
          {stack(p, UP, 1, i)}
          {stack(p, DOWN, -1, i)}
          {i % labelEvery === 0 && (
            <text class="axis" x={cx(i)} y={H - 8} text-anchor="middle">
              {p.period}
            </text>
          )}
        </g>
      ))}
      <line class="zero" x1={PAD.left} x2={right} y1={zero} y2={zero} />
      <path class="line" d={periods.map((p, i) => `${i ? 'L' : 'M'}${cx(i)},${yEnd(p.end)}`).join('')} />
      {periods.map((p, i) => (
        <circle key={p.period} class="dot" data-period={p.period} cx={cx(i)} cy={yEnd(p.end)} r={3} />
      ))}
    </Frame>
  );
}

/** NPS per MRR band as dots with their 95% interval as error bars, on −100…100; n and the band under each. */
function BandNps(props: { bands: MrrResponse['npsByMrrBand'] }) {
  const h = H + 40;
  const slot = (W - PAD.left - PAD.right) / props.bands.length;
  const innerH = h - PAD.top - PAD.bottom - 40;
  const y = (v: number) => PAD.top + ((100 - v) / 200) * innerH;
  return (
    <Frame label="NPS by MRR band, with 95% intervals" height={h}>
      {[-100, -50, 0, 50, 100].map((t) => (
        <g key={t} class="grid">
          <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} />
          <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end">
            {t}
          </text>
        </g>
      ))}
      <line class="zero" x1={PAD.left} x2={W - PAD.right} y1={y(0)} y2={y(0)} />
      {props.bands.map((b, i) => {
        const x = PAD.left + slot * (i + 0.5);
        return (
          <g key={b.band} data-band={b.band}>
            {b.ci95 && (
              <path
                class="whisker"
                d={`M${x - 8},${y(b.ci95[1])}h16M${x},${y(b.ci95[1])}V${y(b.ci95[0])}M${x - 8},${y(b.ci95[0])}h16`}
              />
            )}
            {b.score !== null && <circle class="dot" cx={x} cy={y(b.score)} r={4} />}
            <text x={x} y={h - 44} text-anchor="middle">{`n ${b.n}`}</text>
            <text class="axis" x={x} y={h - 8} text-anchor="middle">
              {bandAxis(b)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** A band's edges, short enough for a phone's axis: "No MRR", "< 100", "100–1k", "≥ 1k". */
const bandAxis = (b: { label: string; min: number; below: number | null }) =>
  b.below === 0
    ? b.label
    : b.below === null
      ? `≥ ${compact(b.min)}`
      : b.min === 0
        ? `< ${compact(b.below)}`
        : `${compact(b.min)}–${compact(b.below)}`;

const answered = (a: { score: number; at: number } | null) => (a ? `${a.score} (${isoDay(a.at)})` : '–');

/** MRR from Stripe: ending MRR now, the last period's net change, NRR and GRR, and a table of movements. */
export function MrrPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => mrr(heard, filters, signal), [heard, filters]);
  return (
    <Panel id="mrr" title="MRR from Stripe" state={state} wide>
      {(r) => {
        if (r.currency === null) {
          return <p class="muted">No subscriptions yet: connect Stripe with PUT /v1/sources/stripe.</p>;
        }
        const latest = r.periods.at(-1);
        const unit = r.currency.toUpperCase();
        return (
          <>
            <div class="figures">
              <Figure
                name="mrr"
                label={`MRR (${unit})`}
                value={latest?.end}
                detail={`${count(latest?.customers.end)} paying`}
              />
              <Figure name="net" label={`Net, this ${r.interval}`} value={latest?.net} />
              <Figure name="nrr" label="Net revenue retention" value={percent(latest?.nrr, 1)} />
              <Figure name="grr" label="Gross revenue retention" value={percent(latest?.grr, 1)} />
              <Figure name="logoChurn" label="Logo churn" value={percent(latest?.logoChurnRate, 1)} />
              <Figure
                name="atRisk"
                label={`MRR at risk (${unit})`}
                value={r.atRisk.mrr}
                detail={`at risk: ${count(r.atRisk.accounts)} accounts, ${money(r.atRisk.mrr)} MRR`}
              />
            </div>
            <Movements
              label={`MRR movements per ${r.interval} (left axis, ${unit}) and ending MRR (line, right axis)`}
              periods={r.periods}
            />
            <ul class="legend row">
              {MOVE_NAMES.map((name) => (
                <li key={name}>
                  <i class={`swatch mrr-${name.toLowerCase()}`} /> {name}
                </li>
              ))}
              <li>
                <i class="swatch mrr-end" /> Ending MRR (line, right axis)
              </li>
            </ul>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption={`MRR movements per ${r.interval}, ${unit}`}
                head={['Period', 'Start', ...MOVE_NAMES, 'End', 'NRR', 'GRR']}
                rows={r.periods.map((p) => [
                  p.period,
                  money(p.start),
                  money(p.new),
                  money(p.expansion),
                  money(p.reactivation),
                  money(p.contraction),
                  money(p.churned),
                  money(p.end),
                  percent(p.nrr, 1),
                  percent(p.grr, 1),
                ])}
              />
            </div>
            <h3>NPS by MRR band</h3>
            <BandNps bands={r.npsByMrrBand} />
            <DataTable
              caption={`NPS by MRR band (${unit} a month), each account's latest answer`}
              head={['Band', 'Accounts', 'n', 'NPS', '95% CI']}
              rows={r.npsByMrrBand.map((b) => [b.label, count(b.accounts), count(b.n), num(b.score), interval(b.ci95)])}
            />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption={`Payments per ${r.interval}, ${unit}`}
                head={['Period', 'Collected', 'Failed', 'Refunded', 'Accounts failing']}
                rows={r.periods.map((p) => [
                  p.period,
                  money(p.payments.collected),
                  money(p.payments.failed),
                  money(p.payments.refunded),
                  count(p.payments.failedAccounts),
                ])}
              />
            </div>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption={`Churned and contracted MRR, most lost first: ${count(r.churned.accounts.length)} of ${count(r.churned.total)}, ${money(r.churned.lost)} ${unit} lost`}
                head={['Account', 'Period', 'Lost', 'Last NPS', 'Last CSAT', 'Last comment']}
                rows={r.churned.accounts.map((a) => [
                  a.account,
                  `${a.period} ${a.kind}`,
                  money(a.lost),
                  answered(a.nps),
                  answered(a.csat),
                  a.comment ? `${a.comment.text} (${isoDay(a.comment.at)})` : '–',
                ])}
              />
            </div>
            {r.currencies.length > 1 && (
              <p class="muted">
                Also billed, not converted:{' '}
                {r.currencies
                  .filter((c) => c.currency !== r.currency)
                  .map((c) => `${c.currency.toUpperCase()} (${count(c.accounts)} accounts)`)
                  .join(', ')}
              </p>
            )}
          </>
        );
      }}
    </Panel>
  );
}
