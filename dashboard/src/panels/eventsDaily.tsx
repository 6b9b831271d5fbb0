// Events per day, from the daily counts (GET /v1/events/daily): every accepted event, stored
// raw or only counted. Kept to a bar chart and one line: it is on the first screen.
import type { Filters, HeardClient } from '../api';
import { Bars } from '../charts';
import { count } from '../format';
import { Figure, Panel, useReport } from '../report';

/** Events per day over the header's range, and the most frequent names. */
export function EventsDailyPanel(props: { heard: HeardClient; filters: Filters }) {
  const { heard, filters } = props;
  const state = useReport(
    (signal) => heard.eventsDaily({ from: filters.from, to: filters.to }, { signal }),
    [heard, filters],
  );
  return (
    <Panel id="events" title="Events per day" state={state} wide>
      {(r) => (
        <>
          <Figure name="events" label="Events" value={count(r.total)} />
          <Bars
            label="Events per day"
            bars={r.days.map((d) => ({ x: d.day.slice(5), n: d.n }))}
            height={120}
            maxLabels={6}
          />
          <p class="muted">
            {r.names
              .slice(0, 5)
              .map((n) => `${n.name} ${count(n.n)}${n.stored ? '' : ' (counted)'}`)
              .join(' · ')}
          </p>
        </>
      )}
    </Panel>
  );
}
