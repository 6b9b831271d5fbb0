// Panels for the event metrics of DESIGN.md (issue 7's reports): time-to-value, resolution
// time, retention, revenue and health. They read the fields DESIGN.md names and show every
// other top-level figure the report carries, so a report that grows a field is not hidden.
import { type Filters, report, type Session } from '../api';
import { Bars, DataTable, StepCurve } from '../charts';
import { count, duration, num, percent } from '../format';
import { Figure, Panel, useReport } from '../report';

type Json = Record<string, unknown>;
type Row = Json;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const asRows = (v: unknown): Row[] => (Array.isArray(v) ? (v.filter((x) => x && typeof x === 'object') as Row[]) : []);
const pick = (row: Row, ...names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined && v !== null);
const label = (key: string) => key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^./, (c) => c.toUpperCase());

/** How a figure named `key` reads: durations in ms, rates as %, money and counts as numbers. */
export function figure(key: string, value: number): string {
  if (/ms$|Ms$|^p\d\d$|median|mean|^avg/i.test(key)) return duration(value);
  if (/rate$|Rate$|conversion|retention|churn|nrr/i.test(key)) return percent(value, 1, value > 1);
  if (Number.isInteger(value)) return count(value);
  return num(value, 2);
}

/** Every top-level number of a report, as figures. */
export function KeyFigures(props: { report: Json; skip?: string[] }) {
  const entries = Object.entries(props.report).filter(([k, v]) => isNumber(v) && !props.skip?.includes(k)) as [
    string,
    number,
  ][];
  return (
    <div class="figures">
      {entries.map(([k, v]) => (
        <Figure key={k} name={k} label={label(k)} value={figure(k, v)} />
      ))}
    </div>
  );
}

/** A table of rows with every scalar column the rows carry. */
export function RowsTable(props: { caption: string; rows: Row[]; visible?: boolean }) {
  const columns = [
    ...new Set(props.rows.flatMap((r) => Object.keys(r).filter((k) => typeof r[k] !== 'object' || r[k] === null))),
  ];
  return (
    <DataTable
      visible={props.visible ?? true}
      caption={props.caption}
      head={columns.map(label)}
      rows={props.rows.map((r) => columns.map((c) => (isNumber(r[c]) ? figure(c, r[c]) : String(r[c] ?? '–'))))}
    />
  );
}

/** Time-to-value: figures, the Kaplan–Meier curve, the histogram and weekly cohorts. */
export function TtvPanel(props: { session: Session; filters: Filters }) {
  const { session, filters } = props;
  const state = useReport(() => report<Json>(session, '/v1/ttv', filters, { cohort: 'week' }), [session, filters]);
  return (
    <Panel id="ttv" title="Time to value" state={state} wide>
      {(r) => {
        const km = (r.kaplanMeier ?? r.km ?? {}) as Json;
        const curve = asRows(km.curve ?? r.curve).map((p) => ({
          t: Number(pick(p, 't', 'time', 'ms') ?? 0),
          y: Number(pick(p, 'survival', 's', 'waiting') ?? 0),
        }));
        const histogram = asRows(r.histogram).map((b) => ({
          x: String(pick(b, 'label', 'bucket') ?? duration(Number(pick(b, 'from', 'lo', 'start') ?? 0))),
          n: Number(pick(b, 'n', 'count', 'users') ?? 0),
        }));
        return (
          <>
            <KeyFigures report={{ ...r, ...(isNumber(km.median) ? { kaplanMeierMedian: km.median } : {}) }} />
            <div class="split">
              <div>
                <h3>Still waiting for value (Kaplan–Meier)</h3>
                {curve.length > 0 ? (
                  <>
                    <StepCurve
                      label="Share of users who have not reached value yet, over time"
                      points={curve}
                      xLabel={duration}
                    />
                    <DataTable
                      caption="Kaplan–Meier curve"
                      head={['Time', 'Still waiting']}
                      rows={curve.map((p) => [duration(p.t), percent(p.y, 1)])}
                    />
                  </>
                ) : (
                  <p class="muted">No curve in this report.</p>
                )}
              </div>
              <div>
                <h3>Time to value, histogram</h3>
                {histogram.length > 0 ? (
                  <>
                    <Bars label="Users per time-to-value bucket" bars={histogram} />
                    <DataTable
                      caption="Time-to-value histogram"
                      head={['Bucket', 'Users']}
                      rows={histogram.map((b) => [b.x, count(b.n)])}
                    />
                  </>
                ) : (
                  <p class="muted">No histogram in this report.</p>
                )}
              </div>
            </div>
            {asRows(r.cohorts).length > 0 && <RowsTable caption="Weekly sign-up cohorts" rows={asRows(r.cohorts)} />}
          </>
        );
      }}
    </Panel>
  );
}

/** Resolution time of support tickets: `ticket_opened` → `ticket_resolved` per entity. */
export function DurationsPanel(props: { session: Session; filters: Filters }) {
  const { session, filters } = props;
  const state = useReport(
    () => report<Json>(session, '/v1/durations', filters, { start: 'ticket_opened', end: 'ticket_resolved' }),
    [session, filters],
  );
  return (
    <Panel id="durations" title="Resolution time" state={state}>
      {(r) => <KeyFigures report={r} />}
    </Panel>
  );
}

/** A heat-map cell's background: the retained share as the accent's strength. */
const heat = (share: number) =>
  `color-mix(in oklab, var(--accent) ${Math.round(Math.max(0, Math.min(1, share)) * 100)}%, transparent)`;

/** Retention and churn per period, and the cohort heat map. */
export function RetentionPanel(props: { session: Session; filters: Filters }) {
  const { session, filters } = props;
  const state = useReport(
    () =>
      report<Json>(session, '/v1/retention', filters, {
        interval: filters.interval === 'day' ? 'week' : filters.interval,
      }),
    [session, filters],
  );
  return (
    <Panel id="retention" title="Retention" state={state} wide>
      {(r) => {
        const cohorts = asRows(r.cohorts);
        const periods = asRows(r.periods ?? r.series);
        return (
          <>
            <KeyFigures report={r} />
            {periods.length > 0 && <RowsTable caption="Customers per period" rows={periods} />}
            {cohorts.length > 0 && (
              <div class="scroll">
                <table class="heatmap">
                  <caption>Cohort retention (share still active)</caption>
                  <thead>
                    <tr>
                      <th scope="col">Cohort</th>
                      <th scope="col">Size</th>
                      {((cohorts[0]?.retention ?? cohorts[0]?.retained ?? []) as number[]).map((_, i) => (
                        <th scope="col" key={i}>
                          +{i}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {cohorts.map((c) => {
                      const shares = (c.retention ?? c.retained ?? []) as number[];
                      const name = String(pick(c, 'cohort', 'period', 'start') ?? '');
                      return (
                        <tr key={name}>
                          <th scope="row">{name}</th>
                          <td>{count(Number(pick(c, 'size', 'n', 'customers') ?? 0))}</td>
                          {shares.map((share, i) => (
                            <td key={i} style={{ background: heat(share > 1 ? share / 100 : share) }}>
                              {percent(share, 0, share > 1)}
                            </td>
                          ))}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
          </>
        );
      }}
    </Panel>
  );
}

/** Revenue: expansion, net revenue retention, ARPA and CLV. */
export function RevenuePanel(props: { session: Session; filters: Filters }) {
  const { session, filters } = props;
  const state = useReport(() => report<Json>(session, '/v1/revenue', filters), [session, filters]);
  return (
    <Panel id="revenue" title="Revenue" state={state}>
      {(r) => (
        <>
          <KeyFigures report={r} />
          {asRows(r.series ?? r.periods).length > 0 && (
            <RowsTable caption="Revenue per period" rows={asRows(r.series ?? r.periods)} />
          )}
        </>
      )}
    </Panel>
  );
}

/** Health: the accounts' 0–100 scores and the at-risk list, worst first. */
export function HealthPanel(props: { session: Session; filters: Filters }) {
  const { session, filters } = props;
  const state = useReport(() => report<Json>(session, '/v1/health', filters), [session, filters]);
  return (
    <Panel id="health" title="Health" state={state} wide>
      {(r) => {
        const atRisk = asRows(r.atRisk ?? r.at_risk).map((a) => {
          const { parts, ...rest } = a;
          return { ...rest, ...(parts && typeof parts === 'object' ? (parts as Json) : {}) };
        });
        return (
          <>
            <KeyFigures report={r} />
            {atRisk.length > 0 ? (
              <RowsTable caption="At risk, worst first" rows={atRisk} />
            ) : (
              <p class="muted">No account is at risk.</p>
            )}
          </>
        );
      }}
    </Panel>
  );
}
