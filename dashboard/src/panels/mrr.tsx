// The MRR panel: movements from Stripe (GET /v1/mrr) per month or week, ending MRR as bars,
// NRR and GRR of the last full period, and every period's movements as a table.
import { type Filters, type HeardClient, mrr } from '../api';
import { Bars, DataTable } from '../charts';
import { count, money, percent } from '../format';
import { Figure, Panel, useReport } from '../report';

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
