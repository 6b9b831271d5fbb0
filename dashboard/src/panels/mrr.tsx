// The MRR panel: movements from Stripe (GET /v1/mrr) per month or week, ending MRR as bars,
// NRR and GRR of the last full period, every period's movements and payments as tables; and
// what feedback adds: the MRR at risk, NPS by MRR band, the churned accounts' last answers.
import type { MrrResponse } from '@heard/core';
import { type Filters, type HeardClient, mrr } from '../api';
import { Bars, DataTable, Frame, H, PAD, W } from '../charts';
import { compact, count, interval, isoDay, money, num, percent } from '../format';
import { Figure, Panel, useReport } from '../report';

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
            <Bars
              label={`Ending MRR per ${r.interval}, ${unit}`}
              bars={r.periods.map((p) => ({ x: p.period, n: p.end }))}
            />
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption={`MRR movements per ${r.interval}, ${unit}`}
                head={['Period', 'Start', 'New', 'Expansion', 'Contraction', 'Churned', 'Reactivation', 'End']}
                rows={r.periods.map((p) => [
                  p.period,
                  money(p.start),
                  money(p.new),
                  money(p.expansion),
                  money(p.contraction),
                  money(p.churned),
                  money(p.reactivation),
                  money(p.end),
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
