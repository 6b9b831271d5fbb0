// Score panels: NPS with its trend and band, its distribution and bands, CSAT and CES cards
// with the change against the previous period, the response rate and segments.
import type { Kind } from '@heard/core';
import { useState } from 'preact/hooks';
import { type Filters, type HeardClient, type ScoresReport, scores } from '../api';
import { Bars, DataTable, LineBand, Stacked } from '../charts';
import { changeTone } from '../colour';
import { count, interval, num, percent, pValue, scoreDigits, signed } from '../format';
import { Figure, NotAvailable, Panel, TextFilter, useReport } from '../report';

/** What the score panels send beside the shared filters: the comparison with the previous period. */
export const COMPARE = { compare: 'previous' } as const;

const npsTone = (score: number) => (score >= 9 ? 'good' : score >= 7 ? 'mid' : 'bad');

/**
 * The change against the previous period: green when it is a significant improvement, red
 * when a significant decline, in the score's own direction (a CES mean on the 1–5 effort scale
 * improves when it falls), neutral when not significant. The words say it too.
 */
function Change(props: { report: ScoresReport; metric: Kind; digits: number }) {
  const comparison = props.report.comparison;
  if (!comparison) return <NotAvailable what="The comparison with the previous period" />;
  const test = comparison.significance;
  if (!test) return <span class="muted">No answers in the previous period to compare with.</span>;
  const tone = changeTone(props.metric, props.report.direction, test.difference, test.significant);
  return (
    <span class={tone} data-change>
      <b>{signed(test.difference, props.digits)}</b> vs previous period
      {test.significant ? (
        <strong> · significantly {tone}</strong>
      ) : (
        <span class="muted"> · not significant{test.reason ? `: ${test.reason}` : ''}</span>
      )}
      {test.p !== null && <span class="muted"> ({pValue(test.p)})</span>}
    </span>
  );
}

function Trend(props: { report: ScoresReport }) {
  const series = props.report.series;
  if (!series) return <NotAvailable what="The NPS trend" />;
  const points = series.map((p) => ({ x: p.label, y: p.score, lo: p.ci95?.[0] ?? null, hi: p.ci95?.[1] ?? null }));
  return (
    <div class="trend">
      <LineBand label="NPS over time with its 95% band" points={points} yMin={-100} yMax={100} />
      <DataTable
        caption="NPS per period"
        head={['Period', 'NPS', '95% CI', 'Answers']}
        rows={series.map((p) => [p.label, num(p.score), interval(p.ci95), count(p.n)])}
      />
    </div>
  );
}

/** NPS: the score with its interval, its trend with the 95% band, distribution, bands, response rate. */
export function NpsPanels(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport((signal) => scores(heard, 'nps', filters, COMPARE, signal), [heard, filters]);
  return (
    <>
      <Panel id="nps" title="Net Promoter Score" state={state} wide>
        {(r) => (
          <div class="nps-head">
            <div class="figures">
              <Figure
                name="nps"
                label="NPS"
                value={num(r.score)}
                detail={
                  <>
                    95% CI <span data-ci>{interval(r.ci95)}</span> · n = <span data-n>{count(r.n)}</span>
                    {r.lowSample && <strong class="flag"> · too few answers to trust</strong>}
                  </>
                }
              />
              <div class="figure">
                <span class="label">Change</span>
                <Change report={r} metric="nps" digits={0} />
              </div>
            </div>
            <Trend report={r} />
          </div>
        )}
      </Panel>
      <Panel id="distribution" title="Distribution" state={state}>
        {(r) => {
          const bars = Array.from({ length: 11 }, (_, s) => ({
            x: String(s),
            n: r.distribution[s] ?? 0,
            tone: npsTone(s),
          }));
          return (
            <>
              <Bars label="Answers per score, 0 to 10" bars={bars} />
              <DataTable
                caption="Answers per score"
                head={['Score', 'Answers']}
                rows={bars.map((b) => [b.x, count(b.n)])}
              />
            </>
          );
        }}
      </Panel>
      <Panel id="bands" title="Promoters, passives, detractors" state={state}>
        {(r) => {
          const parts = [
            { name: 'Promoters', n: r.breakdown.promoters ?? 0, tone: 'good' },
            { name: 'Passives', n: r.breakdown.passives ?? 0, tone: 'mid' },
            { name: 'Detractors', n: r.breakdown.detractors ?? 0, tone: 'bad' },
          ];
          return (
            <>
              <Stacked label="Share of promoters, passives and detractors" parts={parts} />
              <ul class="legend">
                {parts.map((p) => (
                  <li key={p.name} data-band={p.name.toLowerCase()}>
                    <i class={`swatch ${p.tone}`} /> {p.name} <b>{count(p.n)}</b>{' '}
                    <span class="muted">{percent(r.n ? p.n / r.n : null, 1)}</span>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </Panel>
      <Panel id="response-rate" title="Response rate" state={state}>
        {(r) => {
          const rate = r.responseRate;
          if (rate === undefined) return <NotAvailable what="The response rate" />;
          if (rate === null) return <p class="muted">No NPS prompt was recorded as shown in this range.</p>;
          return (
            <Figure
              name="response-rate"
              label="NPS prompts answered"
              value={percent(rate.rate, 1)}
              detail={`${count(rate.answered)} answered of ${count(rate.shown)} shown`}
            />
          );
        }}
      </Panel>
    </>
  );
}

/** A CSAT or CES card: score, interval, n and the change against the previous period. */
export function ScoreCard(props: { heard: HeardClient; filters: Filters; metric: Exclude<Kind, 'nps'> }) {
  const { heard, filters, metric } = props;
  const state = useReport((signal) => scores(heard, metric, filters, COMPARE, signal), [heard, filters, metric]);
  const digits = scoreDigits(metric);
  const title = metric === 'csat' ? 'Customer satisfaction (CSAT)' : 'Customer effort (CES)';
  return (
    <Panel id={metric} title={title} state={state}>
      {(r) => {
        const scale = r.scales?.[0];
        const unit = metric === 'csat' ? '%' : scale ? ` / ${scale.scale[1]}` : '';
        const good = metric === 'ces' ? r.breakdown.easy : r.breakdown.satisfied;
        return (
          <>
            <Figure
              name={metric}
              label={metric === 'csat' ? 'Satisfied' : 'Mean effort score'}
              value={`${num(r.score, digits)}${unit}`}
              detail={
                <>
                  95% CI <span data-ci>{interval(r.ci95, digits)}</span> · n = <span data-n>{count(r.n)}</span>
                  {r.lowSample && <strong class="flag"> · too few answers to trust</strong>}
                </>
              }
            />
            <p class="muted">
              {metric === 'csat' ? 'Satisfied' : 'Found it easy'}: {percent(r.n ? (good ?? 0) / r.n : null, 1)}
              {scale &&
                ` · scale ${scale.scale[0]}–${scale.scale[1]}${scale.direction === 'lower-better' ? ', lower is easier' : ''}`}
            </p>
            <Change report={r} metric={metric} digits={digits} />
          </>
        );
      }}
    </Panel>
  );
}

/** Scores split by any trait or prop, or by channel (`by=`): DESIGN.md's `{ value, n, score, ci95 }` rows. */
export function SegmentsPanel(props: { heard: HeardClient; filters: Filters }) {
  const [trait, setTrait] = useState('plan');
  const [metric, setMetric] = useState<Kind>('nps');
  const { heard, filters } = props;
  const state = useReport(
    (signal) => scores(heard, metric, filters, { by: trait }, signal),
    [heard, filters, trait, metric],
  );
  const digits = scoreDigits(metric);
  return (
    <Panel
      id="segments"
      title="Segments"
      state={state}
      actions={
        <form class="inline" onSubmit={(e) => e.preventDefault()}>
          <label>
            Metric{' '}
            <select name="metric" value={metric} onChange={(e) => setMetric(e.currentTarget.value as Kind)}>
              <option value="nps">NPS</option>
              <option value="csat">CSAT</option>
              <option value="ces">CES</option>
            </select>
          </label>
          <label>
            Trait{' '}
            <TextFilter name="trait" value={trait} size={8} list="traits" onApply={(v) => setTrait(v || 'plan')} />
          </label>
          <datalist id="traits">
            <option value="plan" />
            <option value="country" />
            <option value="channel" />
          </datalist>
        </form>
      }
    >
      {(r) => {
        if (!r.segments) return <NotAvailable what="Segments" />;
        const max = Math.max(1, ...r.segments.map((s) => s.n));
        const rated = r.segments.some((s) => s.responseRate !== undefined);
        return (
          <table class="data segments">
            <caption>
              {metric.toUpperCase()} by {trait}
            </caption>
            <thead>
              <tr>
                <th scope="col">{trait}</th>
                <th scope="col">Score</th>
                <th scope="col">95% CI</th>
                <th scope="col">Answers</th>
                {rated && <th scope="col">Response rate</th>}
              </tr>
            </thead>
            <tbody>
              {r.segments.map((s) => (
                <tr key={s.value}>
                  <th scope="row">{s.value}</th>
                  <td>{num(s.score, digits)}</td>
                  <td>{interval(s.ci95, digits)}</td>
                  <td>
                    <span class="meter" style={{ width: `${(s.n / max) * 100}%` }} aria-hidden="true" />
                    {count(s.n)}
                  </td>
                  {rated && <td>{percent(s.responseRate?.rate ?? null, 1)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        );
      }}
    </Panel>
  );
}
