// Panels for the event metrics (issue 7's reports): time-to-value, resolution time,
// retention, revenue and health. Each reads one report and shows its figures and tables.
import type { HealthPartName } from '@heard/core';
import {
  type DurationSummary,
  type Filters,
  type HeardClient,
  health,
  resolutionTime,
  retention,
  revenue,
  timeToValue,
} from '../api';
import { Bars, DataTable, StepCurve } from '../charts';
import { heatCell } from '../colour';
import { count, duration, money, num, percent } from '../format';
import { Figure, Panel, useReport } from '../report';

/** A histogram bucket's name, e.g. "4 h–16 h" or "≥ 2.8 d". */
export const bucketName = (b: { from: number; to: number | null }) =>
  b.to === null ? `≥ ${duration(b.from)}` : `${duration(b.from)}–${duration(b.to)}`;

function Percentiles(props: { times: DurationSummary }) {
  const { times } = props;
  return (
    <>
      <Figure name="p50" label="p50" value={duration(times.p50)} />
      <Figure name="p75" label="p75" value={duration(times.p75)} />
      <Figure name="p90" label="p90" value={duration(times.p90)} />
    </>
  );
}

/** Time-to-value: figures, the Kaplan–Meier curve, the histogram and weekly cohorts. */
export function TtvPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => timeToValue(heard, filters, signal), [heard, filters]);
  return (
    <Panel id="ttv" title="Time to value" state={state} wide>
      {(r) => {
        const histogram = r.histogram.map((b) => ({ x: bucketName(b), n: b.count }));
        return (
          <>
            <p class="muted">
              From each user's first <code>{r.start}</code> to their first <code>{r.value}</code>.
            </p>
            <div class="figures">
              <Figure name="started" label="Started" value={r.started} />
              <Figure name="reached" label="Reached value" value={r.reached} />
              <Figure name="conversion" label="Conversion" value={percent(r.conversion, 1)} />
              <Figure name="kmMedian" label="Median (Kaplan–Meier)" value={duration(r.kmMedian)} />
              <Percentiles times={r.reachedTimes} />
            </div>
            <div class="split">
              <div>
                <h3>Still waiting for value (Kaplan–Meier)</h3>
                <StepCurve
                  label="Share of users who have not reached value yet, over time"
                  points={r.curve.map((p) => ({ t: p.time, y: p.survival }))}
                  xLabel={duration}
                  tMax={r.reachedTimes.p90 ? 3 * r.reachedTimes.p90 : undefined}
                />
                <DataTable
                  caption="Kaplan–Meier curve"
                  head={['Time', 'Still waiting', 'At risk']}
                  rows={r.curve.map((p) => [duration(p.time), percent(p.survival, 1), count(p.atRisk)])}
                />
              </div>
              <div>
                <h3>Time to value of those who reached it</h3>
                <Bars
                  label="Users per time-to-value bucket"
                  maxLabels={5}
                  bars={r.histogram.map((b) => ({
                    x: b.to === null ? `≥ ${duration(b.from)}` : duration(b.from),
                    n: b.count,
                  }))}
                />
                <DataTable
                  caption="Time-to-value histogram"
                  head={['Bucket', 'Users']}
                  rows={histogram.map((b) => [b.x, count(b.n)])}
                />
              </div>
            </div>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption="Weekly sign-up cohorts"
                head={['Cohort', 'Started', 'Reached', 'Conversion', 'Median (KM)', 'p50']}
                rows={r.cohorts
                  .slice(-12)
                  .reverse()
                  .map((c) => [
                    c.cohort,
                    count(c.started),
                    count(c.reached),
                    percent(c.conversion, 1),
                    duration(c.kmMedian),
                    duration(c.reachedTimes.p50),
                  ])}
              />
            </div>
          </>
        );
      }}
    </Panel>
  );
}

/** Resolution time of support tickets: `ticket_opened` → `ticket_resolved` per entity. */
export function DurationsPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => resolutionTime(heard, filters, signal), [heard, filters]);
  return (
    <Panel id="durations" title="Resolution time" state={state}>
      {(r) => (
        <div class="figures">
          <Figure name="resolved" label="Resolved" value={r.n} />
          <Figure name="mean" label="Mean" value={duration(r.mean)} />
          <Percentiles times={r} />
          <Figure name="open" label="Open backlog" value={r.open} detail={`median age ${duration(r.openAgeP50)}`} />
        </div>
      )}
    </Panel>
  );
}

/** The heat map's colours as the stylesheet sets them (dashboard.css): accent, panel, text. */
function theme() {
  const style = getComputedStyle(document.documentElement);
  return ['accent', 'panel', 'text'].map((name) => style.getPropertyValue(`--${name}`).trim()) as [
    string,
    string,
    string,
  ];
}

/** Retention and churn per period, and the cohort heat map. */
export function RetentionPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => retention(heard, filters, signal), [heard, filters]);
  const colours = theme();
  return (
    <Panel id="retention" title="Retention" state={state} wide>
      {(r) => {
        const width = Math.max(0, ...r.cohorts.map((c) => c.retained.length));
        const latest = r.periods.at(-1);
        return (
          <>
            <div class="figures">
              <Figure name="churnRate" label={`Churn per ${r.interval}`} value={percent(r.churnRate, 1)} />
              <Figure name="customers" label="Customers now" value={latest?.end} />
              <Figure name="retention" label="Retention, last period" value={percent(latest?.retention, 1)} />
            </div>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable) */}
            <div class="scroll" tabIndex={0}>
              <table class="heatmap">
                <caption>Cohort retention: share of each cohort still a customer after k {r.interval}s</caption>
                <thead>
                  <tr>
                    <th scope="col">Cohort</th>
                    <th scope="col">Size</th>
                    {Array.from({ length: width }, (_, k) => (
                      <th scope="col" key={`k${k}`}>
                        +{k}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.cohorts.map((c) => (
                    <tr key={c.cohort}>
                      <th scope="row">{c.cohort}</th>
                      <td>{count(c.size)}</td>
                      {c.retained.map((share, k) => (
                        <td key={`${c.cohort}-${k}`} style={heatCell(share, ...colours)}>
                          {percent(share, 0)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <details>
              <summary>Customers per {r.interval}</summary>
              <DataTable
                visible
                caption={`Customers per ${r.interval}`}
                head={['Period', 'At start', 'New', 'Lost', 'At end', 'Churn', 'Retention']}
                rows={r.periods.map((p) => [
                  p.period,
                  count(p.start),
                  count(p.new),
                  count(p.lost),
                  count(p.end),
                  percent(p.churnRate, 1),
                  percent(p.retention, 1),
                ])}
              />
            </details>
          </>
        );
      }}
    </Panel>
  );
}

/** Revenue: new, expansion, contraction, ARPA, net revenue retention and CLV. */
export function RevenuePanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => revenue(heard, filters, signal), [heard, filters]);
  return (
    <Panel id="revenue" title="Revenue" state={state}>
      {(r) => (
        <>
          {r.trustedEvents && r.trustedEvents.length > 0 ? (
            <p class="muted trusted">
              Only your backend writes{' '}
              {r.trustedEvents.map((name, i) => [i > 0 ? ', ' : '', <code key={name}>{name}</code>])} (trusted events:{' '}
              <code>POST /v1/batch</code> or <code>@heard/node</code>), so no page can forge them.
            </p>
          ) : null}
          <div class="figures">
            <Figure name="net" label="Net revenue" value={r.net} />
            <Figure name="expansion" label="Expansion" value={r.expansion} />
            <Figure name="newRevenue" label="New" value={r.newRevenue} />
            <Figure name="contraction" label="Contraction" value={r.contraction} />
            <Figure name="arpa" label="ARPA" value={r.arpa} detail={`${count(r.payingAccounts)} paying`} />
            <Figure name="nrr" label="Net revenue retention" value={percent(r.nrr, 1)} />
            <Figure
              name="clv"
              label="Customer lifetime value"
              value={r.clv.value}
              detail={`${money(r.clv.averagePurchase)} × ${num(r.clv.purchasesPerYear, 2)}/yr × ${num(r.clv.lifespanYears, 1)} yr`}
            />
          </div>
        </>
      )}
    </Panel>
  );
}

const PARTS: HealthPartName[] = ['nps', 'csat', 'ces', 'recency', 'ttv', 'tickets'];

/** Health: how many accounts, the at-risk threshold and the at-risk list, worst first. */
export function HealthPanel(props: { heard: HeardClient }) {
  const { heard } = props;
  const state = useReport((signal) => health(heard, signal), [heard]);
  return (
    <Panel id="health" title="Health" state={state} wide>
      {(r) => (
        <>
          <div class="figures">
            <Figure name="total" label="Accounts" value={r.total} />
            <Figure name="atRisk" label="At risk" value={r.atRisk.length} detail={`score below ${r.threshold}`} />
            <Figure name="openTickets" label="Open tickets" value={r.openTickets} />
            {r.mrr && (
              <Figure
                name="mrrAtRisk"
                label={`MRR at risk (${r.mrr.currency.toUpperCase()})`}
                value={r.mrr.atRisk}
                detail={`${count(r.mrr.atRiskAccounts)} paying accounts of ${money(r.mrr.total)} MRR`}
              />
            )}
          </div>
          {r.atRisk.length === 0 ? (
            <p class="muted">No account is at risk.</p>
          ) : (
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard (axe: scrollable-region-focusable)
            <div class="scroll" tabIndex={0}>
              <DataTable
                visible
                caption="At risk, worst first (each part 0–100)"
                head={['Account', 'Health', ...PARTS.map((p) => p.toUpperCase()), ...(r.mrr ? ['MRR'] : [])]}
                rows={r.atRisk.map((a) => [
                  a.account,
                  num(a.score),
                  ...PARTS.map((p) => num(a.parts[p]?.value ?? null)),
                  ...(r.mrr ? [money(r.mrr.byAccount[a.account] ?? 0)] : []),
                ])}
              />
            </div>
          )}
        </>
      )}
    </Panel>
  );
}
